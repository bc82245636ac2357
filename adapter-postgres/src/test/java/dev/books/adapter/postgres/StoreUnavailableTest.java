package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BookRepository;
import dev.books.domain.IdempotencyKey;
import dev.books.domain.RequestClaim;
import dev.books.domain.StoreUnavailableException;
import dev.books.testkit.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database that is down, silent, slow or shut down makes the repository throw
 * {@link StoreUnavailableException} within the configured timeouts, and the pool recovers when the cause is gone.
 */
class StoreUnavailableTest {

    /** Generous against the 1 s waits configured below, tight against the defaults of the libraries. */
    private static final Duration FAST = Duration.ofSeconds(4);

    private static PostgresTestDatabase testDatabase;
    private final MutableClock clock = MutableClock.startingAtNewYear2026();

    @BeforeAll
    static void createDatabase() {
        testDatabase = PostgresTestDatabase.create();
        try (PostgresDatabase database = PostgresDatabase.connect(testDatabase.settings(1))) {
            database.migrate();
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void a_database_nobody_listens_for_is_unavailable_within_the_connection_timeout() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (PostgresDatabase database = PostgresDatabase.connect(shortWaits("jdbc:postgresql://127.0.0.1:" + port
                + "/books", Duration.ofSeconds(1)))) {
            BookRepository repository = database.bookRepository();

            assertUnavailableWithin(FAST, () -> repository.findById(BookId.generate(Instant.now())));
            assertUnavailableWithin(FAST, () -> repository.insert(book("Lost", "Nobody")));
            assertUnavailableWithin(FAST, () -> database.requestLog().claim(claim("lost")));
            assertUnavailableWithin(FAST, () -> database.requestLog().purgeExpired(Instant.now(), 10));
            assertUnavailableWithin(FAST, database::migrate);
            assertThat(database.isReachable(Duration.ofMillis(500))).isFalse();
        }
    }

    @Test
    void a_server_that_accepts_but_never_answers_is_unavailable_within_the_timeouts() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            try (PostgresDatabase database = PostgresDatabase.connect(shortWaits("jdbc:postgresql://127.0.0.1:"
                    + silent.port() + "/books", Duration.ofSeconds(1)))) {
                long start = System.nanoTime();
                assertThat(database.isReachable(Duration.ofMillis(300))).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

                assertUnavailableWithin(FAST, () -> database.bookRepository().findById(BookId.generate(Instant.now())));
                assertUnavailableWithin(FAST, database::migrate);
            }
        }
    }

    @Test
    void a_statement_past_the_statement_timeout_is_cancelled_and_the_pool_carries_on() throws SQLException {
        try (PostgresDatabase database = PostgresDatabase.connect(shortWaits(testDatabase.jdbcUrl(),
                Duration.ofMillis(200)))) {
            BookRepository repository = database.bookRepository();
            Book book = repository.insert(book("Locked Away", "Patient Author"));
            Book revised = revise(book, "Locked Away, revised");

            try (Connection locker = testDatabase.connect()) {
                lock(locker, book);

                assertThatThrownBy(() -> repository.update(revised, book.version()))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessage("the database did not answer in time")
                        .satisfies(e -> assertThat(sqlStates(e)).contains("57014"));
                assertThatThrownBy(() -> repository.delete(book.id(), OptionalLong.empty()))
                        .isInstanceOf(StoreUnavailableException.class);
                locker.rollback();
            }

            assertThat(repository.update(revised, book.version())).isEqualTo(revised);
        }
    }

    @Test
    void a_session_ended_by_an_administrator_is_unavailable_and_the_pool_replaces_it()
            throws SQLException, InterruptedException {
        try (PostgresDatabase database = PostgresDatabase.connect(testDatabase.settings(2))) {
            BookRepository repository = database.bookRepository();
            Book book = repository.insert(book("Interrupted", "Unlucky Author"));
            Book revised = revise(book, "Interrupted, revised");

            try (Connection locker = testDatabase.connect()) {
                lock(locker, book);
                CompletableFuture<Book> waiting = CompletableFuture.supplyAsync(
                        () -> repository.update(revised, book.version()));
                terminate(locker, waitingBackend(locker));

                assertThat(waiting).failsWithin(FAST).withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOf(StoreUnavailableException.class)
                        .satisfies(e -> assertThat(sqlStates(e)).contains("57P01"));
                locker.rollback();
            }

            assertThat(repository.update(revised, book.version())).isEqualTo(revised);
            assertThat(database.isReachable(Duration.ofSeconds(2))).isTrue();
        }
    }

    /**
     * HikariCP sleeps twice as long after each failed connection attempt, up to 5 s: without the pool's own quick
     * retries, a database back after 7 s of silence was heard of only ≈ 3 s later (the attempt after the 5 s sleep).
     */
    @Test
    void after_a_long_outage_the_pool_uses_the_database_within_a_second_of_its_return()
            throws IOException, InterruptedException {
        try (LateForwarder late = new LateForwarder(testDatabase.jdbcUrl());
                PostgresDatabase database = PostgresDatabase.connect(shortWaits(late.jdbcUrl(),
                        Duration.ofSeconds(1)))) {
            BookRepository repository = database.bookRepository();
            assertUnavailableWithin(FAST, () -> repository.findById(BookId.generate(Instant.now())));
            TimeUnit.MILLISECONDS.sleep(7_000);

            late.open();
            long back = System.nanoTime();
            while (true) {
                try {
                    assertThat(repository.findById(BookId.generate(Instant.now()))).isEmpty();
                    break;
                } catch (StoreUnavailableException stillWaiting) {
                    assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(FAST);
                }
            }

            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofMillis(1_500));
        }
    }

    @Test
    void a_database_away_at_start_is_migrated_and_used_within_a_second_of_its_arrival()
            throws IOException, InterruptedException {
        try (PostgresTestDatabase fresh = PostgresTestDatabase.create();
                LateForwarder late = new LateForwarder(fresh.jdbcUrl());
                PostgresDatabase database = PostgresDatabase.connect(shortWaits(late.jdbcUrl(),
                        Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            database.migrateWhenReachable();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            BookRepository repository = database.bookRepository();
            assertUnavailableWithin(FAST, () -> repository.insert(book("Too Early", "Eager Author")));
            assertThat(database.isReachable(Duration.ofMillis(500))).isFalse();

            late.open();
            long back = System.nanoTime();
            Book inserted = null;
            while (inserted == null) {
                try {
                    inserted = repository.insert(book("Just In Time", "Patient Author"));
                } catch (StoreUnavailableException stillWaiting) {
                    assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(FAST);
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }

            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofMillis(1_500));
            assertThat(repository.findById(inserted.id())).contains(inserted);
            assertThat(database.isReachable(Duration.ofSeconds(2))).isTrue();
        }
    }

    private static PostgresSettings shortWaits(String jdbcUrl, Duration statementTimeout) {
        PostgresSettings base = testDatabase.settings();
        return new PostgresSettings(jdbcUrl, base.user(), base.password(), 2, Duration.ofSeconds(1),
                statementTimeout, Duration.ofSeconds(2));
    }

    private static void assertUnavailableWithin(Duration limit, Runnable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::run).isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
    }

    private Book book(String title, String author) {
        clock.advance(Duration.ofMillis(1));
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }

    private RequestClaim claim(String key) {
        Instant now = clock.instant();
        return new RequestClaim(new IdempotencyKey("POST /books", key), "fp", UUID.randomUUID(), now,
                now.plusSeconds(60), now.plusSeconds(3600));
    }

    private Book revise(Book book, String title) {
        clock.advance(Duration.ofMillis(1));
        return book.revise(BookDetails.from(title, book.author().value(), null, null, null, clock), clock);
    }

    /** Takes the book's row lock in an open transaction on {@code locker}. */
    private static void lock(Connection locker, Book book) throws SQLException {
        locker.setAutoCommit(false);
        try (PreparedStatement statement = locker.prepareStatement("SELECT 1 FROM books WHERE id = ? FOR UPDATE")) {
            statement.setObject(1, book.id().value());
            statement.executeQuery().close();
        }
    }

    /** The pooled session that waits for a lock, once it has started waiting. */
    private static int waitingBackend(Connection connection) throws SQLException, InterruptedException {
        String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'books' AND wait_event_type = 'Lock'";
        for (int attempt = 0; attempt < 100; attempt++) {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the update never started waiting for the lock");
    }

    private static void terminate(Connection connection, int pid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            statement.setInt(1, pid);
            statement.executeQuery().close();
        }
    }

    private static List<String> sqlStates(Throwable failure) {
        List<String> states = new CopyOnWriteArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }

    /** A TCP server that accepts connections and never says a word, like a hung database or a black-holed route. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::acceptForever, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptForever() {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
