package dev.books.adapter.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database that is down until {@link #open()}: a loopback port where nobody listens (connections are refused), and
 * from then on a TCP forwarder to the real test database. For tests of what happens when the database comes back.
 */
final class LateForwarder implements AutoCloseable {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)$");

    private final String targetHost;
    private final int targetPort;
    private final String pathAndQuery;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** @param jdbcUrl the real database, a single-host {@code jdbc:postgresql://host[:port]/name...} URL */
    LateForwarder(String jdbcUrl) throws IOException {
        Matcher url = HOST_AND_PORT.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a single-host PostgreSQL URL: " + jdbcUrl);
        }
        targetHost = url.group(1);
        targetPort = url.group(2) == null ? 5432 : Integer.parseInt(url.group(2));
        pathAndQuery = url.group(3);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
    }

    /** The database's URL through this forwarder. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + pathAndQuery;
    }

    /** The database "comes back": the port listens and forwards from now on. */
    void open() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        Thread acceptor = new Thread(this::acceptForever, "late-forwarder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        try {
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: the pair ends
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "late-forwarder-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        sockets.forEach(LateForwarder::closeQuietly);
    }
}
