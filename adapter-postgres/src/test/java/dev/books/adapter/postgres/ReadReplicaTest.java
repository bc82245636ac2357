package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.ConsistencyToken;
import dev.books.testkit.BookRepositoryContract;
import dev.books.testkit.ConsistencyTokensContract;
import dev.books.testkit.ForwardingBookRepository;
import dev.books.testkit.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The read replica's reads where the "replica" is a second pool on the primary's own database: a server not in
 * recovery, so every fence is reached at once, and what is tested is the path (the fence, the tokens, where reads
 * go, what is counted), the contracts, and the fallbacks. A real standby that trails its primary, stopped and
 * restarted under load, is bench/cluster's (docs/scaling.md).
 */
class ReadReplicaTest {

    /** A connection per racer of the repository contract, in each pool. */
    private static final int POOL_SIZE = 20;

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static SimpleMeterRegistry meters;

    @BeforeAll
    static void connectWithAReadReplica() {
        testDatabase = MigratedTestDatabase.create();
        meters = new SimpleMeterRegistry();
        PostgresSettings settings = testDatabase.server().settings(POOL_SIZE);
        database = PostgresDatabase.connect(settings, new ReadReplicaSettings(settings, Duration.ofSeconds(5)),
                meters);
        awaitReplicaState(database, "UP");
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private static void truncate() {
        testDatabase.jdbi().useHandle(handle -> handle.execute("TRUNCATE books"));
    }

    static void awaitReplicaState(PostgresDatabase database, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!database.readReplicaState().orElseThrow().equals(expected) && System.nanoTime() < deadline) {
            sleepMillis(20);
        }
        assertThat(database.readReplicaState()).contains(expected);
    }

    private static double reads(String endpoint, String reason) {
        Counter counter = meters.find("books.db.reads").tag("endpoint", endpoint).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double counted(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Nested
    class Tokens extends ConsistencyTokensContract {

        @Override
        protected Store emptyStore() {
            truncate();
            return new Store(database.bookRepository(), database.bookReads(), database.consistencyTokens());
        }
    }

    /**
     * The repository contract with every read on the replica: look-ups by id with the token issued just before (a
     * look-up without one goes to the primary), lists and the export with a fence from the primary.
     */
    @Nested
    class Reads extends BookRepositoryContract {

        @Override
        protected BookRepository emptyRepository() {
            truncate();
            return new ForwardingBookRepository(database.bookRepository()) {
                @Override
                public Optional<Book> findById(BookId id) {
                    ConsistencyToken token = database.consistencyTokens().afterWrites().orElseThrow();
                    return database.consistencyTokens().readingAfter(token, () -> database.bookReads().findById(id));
                }

                @Override
                public BookPage find(BookQuery query) {
                    return database.bookReads().find(query);
                }

                @Override
                public void forEachBook(Consumer<? super Book> action) {
                    database.bookReads().forEachBook(action);
                }
            };
        }
    }

    @Nested
    class WhereReadsGo {

        private final MutableClock clock = MutableClock.startingAtNewYear2026();

        private Book stored(String title) {
            clock.advance(Duration.ofMillis(1));
            return database.bookRepository().insert(
                    Book.create(BookDetails.from(title, "Ursula K. Le Guin", null, null, null, clock), clock));
        }

        @Test
        void lists_run_on_the_replica_with_a_fence_asked_of_the_primary() {
            truncate();
            Book book = stored("The Left Hand of Darkness");
            double onReplica = reads("replica", "fence-reached");
            double fences = counted("books.db.fences", "source", "primary");
            double fetches = counted("books.db.fence.fetches");

            assertThat(database.bookReads().find(BookQuery.newest(10)).books()).containsExactly(book);

            assertThat(reads("replica", "fence-reached")).isEqualTo(onReplica + 1);
            assertThat(counted("books.db.fences", "source", "primary")).isEqualTo(fences + 1);
            assertThat(counted("books.db.fence.fetches")).isGreaterThan(fetches);
        }

        @Test
        void a_look_up_by_id_without_a_token_runs_on_the_primary_and_with_one_on_the_replica() {
            Book book = stored("The Dispossessed");
            double byIdOnPrimary = reads("primary", "by-id-without-token");
            double onReplica = reads("replica", "fence-reached");
            double fromTokens = counted("books.db.fences", "source", "token");

            assertThat(database.bookReads().findById(book.id())).contains(book);
            assertThat(reads("primary", "by-id-without-token")).isEqualTo(byIdOnPrimary + 1);

            ConsistencyToken token = database.consistencyTokens().afterWrites().orElseThrow();
            assertThat(database.consistencyTokens().readingAfter(token, () -> database.bookReads().findById(book.id())))
                    .contains(book);
            assertThat(reads("replica", "fence-reached")).isEqualTo(onReplica + 1);
            assertThat(counted("books.db.fences", "source", "token")).isEqualTo(fromTokens + 1);
        }

        @Test
        void a_token_is_a_position_in_the_primarys_log_and_later_tokens_are_no_earlier() {
            ConsistencyToken first = database.consistencyTokens().afterWrites().orElseThrow();
            stored("The Lathe of Heaven");
            ConsistencyToken second = database.consistencyTokens().afterWrites().orElseThrow();

            assertThat(first.value()).matches("[0-9A-F]{1,8}/[0-9A-F]{1,8}");
            Lsn earlier = Lsn.parse(first.value()).orElseThrow();
            Lsn later = Lsn.parse(second.value()).orElseThrow();
            assertThat(later.compareTo(earlier)).as("%s after %s", later, earlier).isPositive();
        }

        @Test
        void a_token_from_beyond_the_primarys_log_is_replaced_by_a_fence_asked_of_the_primary() {
            Book book = stored("Four Ways to Forgiveness");
            double fromPrimary = counted("books.db.fences", "source", "primary");

            List<Book> listed = database.consistencyTokens().readingAfter(new ConsistencyToken("FFFFFFFF/FFFFFFFF"),
                    () -> database.bookReads().find(BookQuery.newest(100)).books());

            assertThat(listed).contains(book);
            assertThat(counted("books.db.fences", "source", "primary")).isEqualTo(fromPrimary + 1);
        }

        @Test
        void the_read_pool_has_metrics_of_its_own() {
            assertThat(meters.find("hikaricp.connections.max").tag("pool", "books-db-read").gauge()).isNotNull();
            assertThat(meters.find("hikaricp.connections.max").tag("pool", "books-db").gauge()).isNotNull();
            assertThat(meters.find("books.db.replica.serving").gauge().value()).isEqualTo(1.0);
            assertThat(meters.find("books.db.replica.lag").timeGauge()).isNotNull();
        }

        @Test
        void the_export_runs_on_the_replica_in_one_snapshot() {
            truncate();
            Book first = stored("Rocannon's World");
            Book second = stored("Planet of Exile");
            double onReplica = reads("replica", "fence-reached");
            List<Book> exported = new ArrayList<>();

            database.bookReads().forEachBook(exported::add);

            assertThat(exported).containsExactly(second, first);
            assertThat(reads("replica", "fence-reached")).isEqualTo(onReplica + 1);
        }
    }

    @Nested
    class AReplicaThatCannotBeReached {

        @Test
        void is_reported_down_and_every_read_runs_on_the_primary() {
            PostgresSettings primary = testDatabase.server().settings(2);
            PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + closedPort() + "/books",
                    primary.user(), primary.password(), 2, Duration.ofMillis(250), primary.statementTimeout(),
                    primary.socketTimeout());
            SimpleMeterRegistry own = new SimpleMeterRegistry();
            try (PostgresDatabase withAbsentReplica = PostgresDatabase.connect(primary,
                    new ReadReplicaSettings(nowhere, Duration.ofSeconds(5)), own)) {
                truncate();
                MutableClock clock = MutableClock.startingAtNewYear2026();
                Book book = withAbsentReplica.bookRepository().insert(
                        Book.create(BookDetails.from("Malafrena", "Ursula K. Le Guin", null, null, null, clock), clock));
                awaitReplicaState(withAbsentReplica, "DOWN");

                assertThat(withAbsentReplica.bookReads().find(BookQuery.newest(10)).books()).containsExactly(book);
                ConsistencyToken token = withAbsentReplica.consistencyTokens().afterWrites().orElseThrow();
                assertThat(withAbsentReplica.consistencyTokens().readingAfter(token,
                        () -> withAbsentReplica.bookReads().findById(book.id()))).contains(book);

                Counter down = own.find("books.db.reads").tag("endpoint", "primary").tag("reason", "replica-down")
                        .counter();
                assertThat(down).isNotNull();
                assertThat(down.count()).isEqualTo(2.0);
                assertThat(own.find("books.db.replica.serving").gauge().value()).isZero();
            }
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
