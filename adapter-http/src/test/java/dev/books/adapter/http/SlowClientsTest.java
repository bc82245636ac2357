package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.adapter.http.edge.EdgeLimits;
import dev.books.adapter.http.operations.Operations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Clients that hold connections open while sending (almost) nothing: they must cost neither the threads that serve
 * everyone else nor a false ERROR in the log. The limits are shortened so that the test takes seconds.
 */
class SlowClientsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final Duration IDLE = Duration.ofSeconds(2);
    /** How long a stop may wait for requests in flight. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** More than Javalin's default pool (250): before bodies were read ahead, each of these held a thread. */
    private static final int TRICKLERS = 300;

    private static final String MARKER = "log capture marker";

    private Operations operations;
    private RunningApi api;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        operations = Operations.standalone();
        api = RunningApi.with(operations, EdgeLimits.defaults().withTimings(DEADLINE, 512, IDLE), GRACE);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        api.close();
    }

    @Test
    void bodies_trickled_byte_by_byte_take_no_thread_and_are_cut_off_by_the_deadline() throws Exception {
        assertThat(api.get("/books?limit=1").statusCode()).isEqualTo(200); // warm: the first exchange loads a lot
        for (int i = 0; i < TRICKLERS; i++) {
            Socket socket = open();
            send(socket, "POST /books HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + api.credentialLines()
                    + "Content-Length: 1000\r\n\r\n{");
        }

        // Every trickler is waiting, on no thread of the server: a normal client is still answered at once.
        Thread.sleep(300);
        assertThat(threadsReadingBodies()).as("server threads waiting for a body among %d tricklers", TRICKLERS)
                .isZero();
        long started = System.nanoTime();
        HttpResponse<String> normal = api.get("/books?limit=1");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(millis).as("ms for a normal request among %d tricklers", TRICKLERS).isLessThan(1_000);

        // A byte more, too slowly for the minimum data rate or the deadline: every connection is closed.
        Thread.sleep(1_500);
        for (Socket socket : sockets) {
            send(socket, "\"");
        }
        long deadline = System.nanoTime() + DEADLINE.plusSeconds(5).toNanos();
        for (Socket socket : sockets) {
            String answer = readUntilClosed(socket, deadline);
            assertThat(answer).as("the server closed the trickler's connection").isNotNull();
            assertThat(answer).as("what the trickler was told").matches("(?s)(HTTP/1\\.1 408 .*)?");
        }
    }

    @Test
    void a_body_that_stops_is_answered_408_at_its_deadline_and_leaves_nothing_in_flight() throws Exception {
        Socket socket = open();
        send(socket, "POST /books HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + api.credentialLines()
                + "Content-Length: 1000\r\n\r\n{");

        String answer = readUntilClosed(socket, System.nanoTime() + DEADLINE.plusSeconds(5).toNanos());
        // The silent connection's idle timeout (2 s) comes before the body's deadline (3 s): either answers 408.
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("urn:books:problem:request-timeout");

        // Were the request still counted as in flight, the stop would wait the whole grace period for it.
        long stopping = System.nanoTime();
        api.close();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(GRACE.dividedBy(2));
    }

    @ParameterizedTest(name = "then the client closes: {0}")
    @ValueSource(booleans = {false, true})
    void a_client_that_sends_a_request_line_and_goes_silent_is_no_server_error(boolean clientCloses)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Socket socket = open();
            send(socket, "GET /books HTTP/1.1\r\n");
            if (clientCloses) {
                Thread.sleep(500);
                socket.close();
                Thread.sleep(IDLE.toMillis() + 1_000);
            } else {
                assertThat(readUntilClosed(socket, System.nanoTime() + IDLE.plusSeconds(5).toNanos())).isNotNull();
            }
            Thread.sleep(200); // the error page is written after the close is noticed
            LoggerFactory.getLogger(SlowClientsTest.class).warn(MARKER);
        } finally {
            System.setErr(original);
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the capture works").contains(MARKER);
        assertThat(logged).doesNotContain("ERROR", "Exception");
        if (clientCloses) {
            // Jetty hands the cut-short request to the error page, which counts it; a silent connection is closed
            // by the idle timeout with no exchange to count (the fat jar's abuse suite checks that case's log).
            assertThat(refused("timeout") + refused("client-abort") + refused("bad-message")).as("counted")
                    .isEqualTo(1);
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // Already closed by the server: exactly what the test waits for.
        }
    }

    /**
     * What the server sent before it closed the connection (end of stream or reset), or null if it is still open at
     * the deadline (System.nanoTime).
     */
    private static String readUntilClosed(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(200);
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return received.toString(StandardCharsets.ISO_8859_1);
                }
                received.write(buffer, 0, read);
            } catch (SocketTimeoutException e) {
                // still open; keep waiting
            } catch (IOException e) {
                return received.toString(StandardCharsets.ISO_8859_1); // reset
            }
        }
        return null;
    }

    /** Server threads blocked in reading a request body (the way a trickler used to hold one). */
    private static long threadsReadingBodies() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith("books-http"))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().endsWith("JsonBodyReader")))
                .count();
    }

    private double refused(String reason) {
        var counter = operations.metrics().find("http.server.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
