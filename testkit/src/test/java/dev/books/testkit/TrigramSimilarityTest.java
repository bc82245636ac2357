package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.SearchText;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrigramSimilarityTest {

    private static Book book(String title, String author) {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }

    @Nested
    class AsPostgresComputesIt {

        /**
         * Each {@code postgres} column is what {@code SELECT similarity(a, b)} printed on PostgreSQL 15 (pg_trgm,
         * LC_CTYPE C.UTF-8); the fraction is shared trigrams over all distinct trigrams, counted by hand.
         */
        @ParameterizedTest(name = "similarity(\"{0}\", \"{1}\") = {2}/{3}")
        @CsvSource(delimiter = '|', textBlock = """
                hobbit        | The Hobbit            |  7 | 11 | 0.6363636
                Tolkien       | J.R.R. Tolkien        |  8 | 12 | 0.6666667
                lord rings    | The Lord of the Rings | 11 | 18 | 0.6111111
                word          | two words             |  4 | 11 | 0.36363637
                abc           | abd                   |  2 |  6 | 0.33333334
                hobbit        | hobit                 |  5 |  8 | 0.625
                the hobbit    | hobbit tales          |  8 | 16 | 0.5
                Frank Herbert | frank herbert         | 14 | 14 | 1
                Catch-22      | catch 22              |  9 |  9 | 1
                İstanbul      | istanbul              |  9 |  9 | 1
                """)
        void gives_the_value_pg_trgm_gives(String a, String b, int shared, int total, float postgres) {
            float expected = (float) shared / (float) total;

            assertThat(TrigramSimilarity.similarity(a, b)).isEqualTo(expected).isEqualTo(postgres);
        }

        @Test
        void splits_into_the_trigrams_show_trgm_lists() {
            // SELECT show_trgm('The Hobbit') -> {"  h","  t"," ho"," th",bbi,bit,"he ",hob,"it ",obb,the}
            assertThat(TrigramSimilarity.trigrams("The Hobbit")).containsExactlyInAnyOrder(
                    "  h", "  t", " ho", " th", "bbi", "bit", "he ", "hob", "it ", "obb", "the");
        }

        @Test
        void a_one_letter_word_has_two_trigrams() {
            assertThat(TrigramSimilarity.trigrams("a")).containsExactlyInAnyOrder("  a", " a ");
        }

        @Test
        void counts_a_repeated_word_once() {
            assertThat(TrigramSimilarity.trigrams("dune dune DUNE")).isEqualTo(TrigramSimilarity.trigrams("dune"));
        }
    }

    @Nested
    class Edges {

        @ParameterizedTest(name = "\"{0}\" and \"{1}\"")
        @CsvSource(delimiter = '|', textBlock = """
                ''    | hobbit
                hobbit| ''
                ''    | ''
                !!!   | !!!
                —     | ...
                ' '   | ' '
                """)
        void text_without_letters_or_digits_is_similar_to_nothing_not_even_itself(String a, String b) {
            assertThat(TrigramSimilarity.similarity(a, b)).isZero();
        }

        @Test
        void is_symmetric() {
            assertThat(TrigramSimilarity.similarity("The Hobbit", "hobbit"))
                    .isEqualTo(TrigramSimilarity.similarity("hobbit", "The Hobbit"));
        }

        @Test
        void texts_with_nothing_in_common_score_zero() {
            assertThat(TrigramSimilarity.similarity("Dune", "Ulysses")).isZero();
        }

        @Test
        void digits_are_word_characters() {
            assertThat(TrigramSimilarity.similarity("1984", "1984")).isEqualTo(1f);
            assertThat(TrigramSimilarity.trigrams("1984")).contains("  1", "198", "84 ");
        }

        @Test
        void letters_outside_the_bmp_are_single_characters_of_a_word() {
            String gothic = new String(Character.toChars(0x10330)) + new String(Character.toChars(0x10331));

            assertThat(TrigramSimilarity.trigrams(gothic)).hasSize(3);
            assertThat(TrigramSimilarity.similarity(gothic, gothic)).isEqualTo(1f);
        }
    }

    @Nested
    class Relevance {

        private final Book hobbit = book("The Hobbit", "J.R.R. Tolkien");

        @Test
        void is_the_title_similarity_when_the_title_fits_better() {
            assertThat(TrigramSimilarity.relevance(hobbit, new SearchText("hobbit"))).isEqualTo(7f / 11f);
        }

        @Test
        void is_the_author_similarity_when_the_author_fits_better() {
            assertThat(TrigramSimilarity.relevance(hobbit, new SearchText("Tolkien"))).isEqualTo(8f / 12f);
        }

        @Test
        void a_decomposed_text_finds_a_composed_title_as_well_as_a_composed_text_does() {
            Book cafe = book("Caf\u00E9 Society", "Somebody");

            float decomposed = TrigramSimilarity.relevance(cafe, new SearchText("cafe\u0301"));

            assertThat(decomposed).isEqualTo(TrigramSimilarity.relevance(cafe, new SearchText("caf\u00E9")))
                    .isGreaterThan(0.3f);
        }

        @Test
        void punctuation_alone_is_a_valid_search_that_finds_nothing() {
            assertThat(TrigramSimilarity.relevance(book("?!", "?!"), new SearchText("?!"))).isZero();
        }

        @Test
        void a_relevance_of_0_3_in_single_precision_matches_as_in_postgresql() {
            // 0.3f is 0.300000011920929; PostgreSQL compares float4 >= float8 after widening, so it matches.
            assertThat(TrigramSimilarity.isMatch(0.3f)).isTrue();
            assertThat(TrigramSimilarity.isMatch(Math.nextDown(0.3f))).isFalse();
            assertThat(TrigramSimilarity.isMatch(1f)).isTrue();
            assertThat(TrigramSimilarity.isMatch(0f)).isFalse();
        }

        @Test
        void the_threshold_is_pg_trgms_default() {
            assertThat(TrigramSimilarity.THRESHOLD).isEqualTo(0.3);
        }
    }
}
