package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.SearchText;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WordSearchTest {

    private static final Book HOBBIT = book("The Hobbit", "J. R. R. Tolkien");
    private static final Book LEFT_HAND = book("The Left Hand of Darkness", "Ursula K. Le Guin");
    private static final Book SOLITUDE = book("Cien años de soledad", "Gabriel García Márquez");

    private static Book book(String title, String author) {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }

    private static boolean matches(Book book, String text) {
        return WordSearch.matches(book, new SearchText(text));
    }

    @Nested
    class Matches {

        @ParameterizedTest
        @ValueSource(strings = {"tolkien", "TOLKIEN hobbit", "tolkein", "tolkin", "tollkien", "hobit tolkien",
                "hobbits", "the hobbit j r r tolkien", "  the   hobbit!  "})
        void every_word_or_one_slip_of_it(String text) {
            assertThat(matches(HOBBIT, text)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"tolkein silmarillion", "tlokein hobbt", "hobbitses", "tolkeni", "habit", "?!"})
        void not_a_word_two_slips_away_nor_a_word_the_book_lacks(String text) {
            // "tolkeni" is two swaps from "tolkien"; "habit" a replaced and a missing letter from "hobbit".
            assertThat(matches(HOBBIT, text)).isFalse();
        }

        @Test
        void two_neighbouring_words_of_the_book_may_be_typed_as_one() {
            assertThat(matches(LEFT_HAND, "leguin")).isTrue();
            assertThat(matches(LEFT_HAND, "lefthand")).isTrue();
            assertThat(matches(LEFT_HAND, "leguinn")).as("a slip of two words joined").isTrue();
            assertThat(matches(LEFT_HAND, "handleft")).as("not neighbours in this order").isFalse();
            assertThat(matches(LEFT_HAND, "ursulakle")).as("three words").isFalse();
        }

        @Test
        void accents_do_not_matter_either_way() {
            assertThat(matches(SOLITUDE, "garcia marquez")).isTrue();
            assertThat(matches(SOLITUDE, "Cien anos")).isTrue();
            assertThat(matches(book("Garcia Marquez", "Nobody"), "garcía márquez")).isTrue();
        }

        @Test
        void numbers_slip_by_digits() {
            Book catch22 = book("Catch-22", "Joseph Heller");

            assertThat(matches(catch22, "catch 22")).isTrue();
            assertThat(matches(catch22, "catch 2")).isTrue();
            assertThat(matches(catch22, "catch 222")).isTrue();
            assertThat(matches(catch22, "catch 2x")).isFalse();
        }
    }

    @Nested
    class Relevance {

        @Test
        void is_the_trigram_similarity_of_the_keys_without_accents() {
            assertThat(WordSearch.relevance(SOLITUDE, new SearchText("García"))).isEqualTo(TrigramSimilarity
                    .similarity("cien anos de soledad gabriel garcia marquez", "garcia"));
            assertThat(WordSearch.relevance(HOBBIT, new SearchText("HOBBIT")))
                    .isEqualTo(TrigramSimilarity.similarity("the hobbit j. r. r. tolkien", "hobbit"));
        }

        @Test
        void a_decomposed_text_ranks_as_the_composed_one() {
            assertThat(WordSearch.relevance(SOLITUDE, new SearchText("Garci\u0301a")))
                    .isEqualTo(WordSearch.relevance(SOLITUDE, new SearchText("Garc\u00EDa")));
        }
    }

    @Nested
    class Unaccent {

        @ParameterizedTest
        @CsvSource({"garcía márquez,garcia marquez", "ærøskøbing,aeroskobing", "łódź,lodz", "þórr,thorr",
                "ελληνικά,ελληνικα", "ёлка,елка", "йод,йод", "dune,dune"})
        void removes_what_postgresqls_unaccent_removes(String key, String unaccented) {
            assertThat(WordSearch.unaccent(key)).isEqualTo(unaccented);
        }
    }

    @Test
    void slips_are_the_word_and_every_word_one_swap_deletion_or_insertion_away() {
        assertThat(WordSearch.slips("ab")).contains("ab", "ba", "a", "b", "xab", "axb", "abx")
                .doesNotContain("xb", "");
        // 1 + 1 swap + 2 deletions + 3 × 26 insertions, less the repeats ("aab" twice, "abb" twice).
        assertThat(WordSearch.slips("ab")).hasSize(1 + 1 + 2 + 78 - 2);
        assertThat(WordSearch.slips("7")).contains("17", "70").doesNotContain("a7", "");
    }
}
