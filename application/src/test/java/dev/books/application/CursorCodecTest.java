package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.BookId;
import dev.books.domain.BookQuery;
import dev.books.domain.Category;
import dev.books.domain.Cursor;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final BookId ID = BookId.parse("01890a5d-ac96-774b-bcce-b302099a8057").orElseThrow();
    private static final Cursor.ByRecency RECENT =
            new Cursor.ByRecency(Instant.parse("2026-01-01T10:20:30.123456Z"), ID);
    private static final Cursor.ByRelevance RELEVANT = new Cursor.ByRelevance(7f / 11f, ID);

    private static final BookQuery NEWEST = BookQuery.newest(20);
    private static final BookQuery SEARCH = BookQuery.newest(20).withText(new SearchText("hobbit"));

    private static void assertRefused(ThrowingCallable decoding, String message) {
        assertThatThrownBy(decoding).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.violations()).containsExactly(new FieldViolation("cursor", message)));
    }

    private static void assertNotIssued(ThrowingCallable decoding) {
        assertRefused(decoding, "is not a cursor this service issued");
    }

    @Nested
    class RoundTrip {

        @Test
        void a_recency_position_comes_back_to_the_microsecond() {
            CursorCodec tokens = CursorCodec.forQuery(NEWEST);

            assertThat(tokens.decode(tokens.encode(RECENT))).isEqualTo(RECENT);
        }

        @Test
        void a_relevance_position_comes_back_to_the_last_bit() {
            CursorCodec tokens = CursorCodec.forQuery(SEARCH);

            assertThat(tokens.decode(tokens.encode(RELEVANT))).isEqualTo(RELEVANT);
        }

        @Test
        void a_cursor_is_short_url_safe_text() {
            assertThat(CursorCodec.forQuery(NEWEST).encode(RECENT)).matches("[A-Za-z0-9_-]{46}");
            assertThat(CursorCodec.forQuery(SEARCH).encode(RELEVANT)).matches("[A-Za-z0-9_-]{40}");
        }

        @Test
        void the_page_size_is_not_part_of_the_query_a_cursor_belongs_to() {
            String cursor = CursorCodec.forQuery(BookQuery.newest(5)).encode(RECENT);

            assertThat(CursorCodec.forQuery(BookQuery.newest(100)).decode(cursor)).isEqualTo(RECENT);
        }

        @Test
        void filters_are_compared_ignoring_case_and_spacing_as_the_filters_themselves_are() {
            String cursor = CursorCodec.forQuery(NEWEST.withTitle(new Title("Dune"))).encode(RECENT);

            assertThat(CursorCodec.forQuery(NEWEST.withTitle(new Title(" DUNE "))).decode(cursor))
                    .isEqualTo(RECENT);
        }
    }

    @Nested
    class AnotherQuerysCursor {

        @Test
        void is_refused_when_a_filter_differs() {
            String cursor = CursorCodec.forQuery(NEWEST.withCategory(new Category("Fantasy"))).encode(RECENT);

            assertRefused(() -> CursorCodec.forQuery(NEWEST.withCategory(new Category("Horror"))).decode(cursor),
                    "belongs to another query: repeat the query's filters unchanged when following it");
            assertRefused(() -> CursorCodec.forQuery(NEWEST).decode(cursor),
                    "belongs to another query: repeat the query's filters unchanged when following it");
        }

        @Test
        void is_refused_when_the_same_words_filter_another_field() {
            String cursor = CursorCodec.forQuery(NEWEST.withTitle(new Title("Fantasy"))).encode(RECENT);

            assertRefused(() -> CursorCodec.forQuery(NEWEST.withCategory(new Category("Fantasy"))).decode(cursor),
                    "belongs to another query: repeat the query's filters unchanged when following it");
        }

        @Test
        void is_refused_across_the_two_orders() {
            String listCursor = CursorCodec.forQuery(NEWEST).encode(RECENT);
            String searchCursor = CursorCodec.forQuery(SEARCH).encode(RELEVANT);

            assertNotIssued(() -> CursorCodec.forQuery(SEARCH).decode(listCursor));
            assertNotIssued(() -> CursorCodec.forQuery(NEWEST).decode(searchCursor));
        }
    }

    @Nested
    class ATamperedCursor {

        private final CursorCodec tokens = CursorCodec.forQuery(NEWEST);
        private final String cursor = tokens.encode(RECENT);

        @Test
        void is_refused_whichever_single_bit_is_flipped() {
            byte[] bytes = Cursors.bytesOf(cursor);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));

                assertNotIssued(() -> tokens.decode(Cursors.cursorOf(flipped)));
            }
        }

        @Test
        void is_refused_however_much_of_it_is_cut_off() {
            for (int length = 0; length < cursor.length(); length++) {
                String truncated = cursor.substring(0, length);

                assertNotIssued(() -> tokens.decode(truncated));
            }
        }

        @Test
        void is_refused_when_anything_is_added() {
            assertNotIssued(() -> tokens.decode(cursor + "A"));
            assertNotIssued(() -> tokens.decode(cursor + cursor));
            assertNotIssued(() -> tokens.decode(cursor + "x".repeat(10_000)));
        }

        @Test
        void with_a_valid_checksum_but_another_format_version_is_refused() {
            byte[] bytes = Cursors.bytesOf(cursor);
            bytes[0] = 2;

            assertNotIssued(() -> tokens.decode(Cursors.forged(bytes)));
        }

        @Test
        void with_a_valid_checksum_but_a_relevance_that_is_not_a_number_is_refused() {
            CursorCodec search = CursorCodec.forQuery(SEARCH);
            byte[] bytes = Cursors.bytesOf(search.encode(RELEVANT));
            ByteBuffer.wrap(bytes).putFloat(6, Float.NaN);

            assertNotIssued(() -> search.decode(Cursors.forged(bytes)));
        }

        @Test
        void with_a_valid_checksum_and_another_position_only_chooses_where_the_page_starts() {
            byte[] bytes = Cursors.bytesOf(cursor);
            ByteBuffer.wrap(bytes).putLong(6, Long.MAX_VALUE);

            assertThat(tokens.decode(Cursors.forged(bytes))).isInstanceOf(Cursor.ByRecency.class);
        }
    }
}
