package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrigramSimilarityTest {

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
}
