package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

/** The ISBNs in these tables are real ones; their check digits were verified independently of {@link Isbn}. */
class IsbnTest {

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> new Isbn(raw))
                .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("isbn", message)));
    }

    @Nested
    class ValidIsbn13 {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                978-0-306-40615-7 | the worked example of most ISBN check-digit explanations
                978-0-441-01359-3 | Dune, Ace paperback
                978-0-261-10221-7 | The Hobbit, HarperCollins
                978-0-262-03384-8 | Introduction to Algorithms, 3rd edition
                978-0-201-63361-0 | Design Patterns
                978-0-13-235088-4 | Clean Code
                978-3-16-148410-0 | the usual EAN barcode example
                979-10-90636-07-1 | a 979-10 (French) ISBN
                """)
        void is_accepted_and_held_as_its_thirteen_digits(String hyphenated, String book) {
            String digits = hyphenated.replace("-", "");

            assertThat(new Isbn(hyphenated).value()).isEqualTo(digits);
            assertThat(new Isbn(digits).value()).isEqualTo(digits);
            assertThat(new Isbn(hyphenated.replace('-', ' ')).value()).isEqualTo(digits);
        }

        @Test
        void surrounding_whitespace_and_hyphens_in_odd_places_do_not_matter() {
            assertThat(new Isbn("\t 9-7-8-0-3-0-6-4-0-6-1-5-7 \n").value()).isEqualTo("9780306406157");
            assertThat(new Isbn("978--0306 - 406157").value()).isEqualTo("9780306406157");
        }

        @Test
        void equal_numbers_make_equal_isbns_whatever_their_punctuation() {
            assertThat(new Isbn("978-0-441-01359-3")).isEqualTo(new Isbn("9780441013593")).hasToString("9780441013593");
        }
    }

    @Nested
    class Isbn10 {

        @ParameterizedTest(name = "{0} becomes {1}")
        @CsvSource(delimiter = '|', textBlock = """
                0-306-40615-2 | 9780306406157
                0-441-01359-7 | 9780441013593
                0-261-10221-4 | 9780261102217
                0-262-03384-4 | 9780262033848
                0-201-63361-2 | 9780201633610
                0-13-235088-2 | 9780132350884
                0-590-35340-3 | 9780590353403
                0-7475-3269-9 | 9780747532699
                0-8044-2957-X | 9780804429573
                """)
        void is_converted_to_its_isbn13(String isbn10, String isbn13) {
            Isbn isbn = new Isbn(isbn10);

            assertThat(isbn.value()).isEqualTo(isbn13);
            assertThat(isbn).isEqualTo(new Isbn(isbn13));
        }

        @Test
        void the_check_character_x_may_be_lower_case() {
            assertThat(new Isbn("0-8044-2957-x").value()).isEqualTo("9780804429573");
        }

        @Test
        void may_be_written_with_spaces() {
            assertThat(new Isbn(" 0 306 40615 2 ").value()).isEqualTo("9780306406157");
        }
    }

    @Nested
    class Refused {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                978-0-306-40615-8 | an ISBN-13 one off in its check digit      | has an invalid check digit
                978-0-306-40651-7 | an ISBN-13 with two neighbours swapped     | has an invalid check digit
                0-306-40615-3     | an ISBN-10 one off in its check digit      | has an invalid check digit
                0-8044-2957-0     | an ISBN-10 that should end in X            | has an invalid check digit
                3-06-406152-0     | an ISBN-10 with its digits shifted         | has an invalid check digit
                977-1234-56700-3  | an EAN-13 with the ISSN prefix 977         | an ISBN-13 starts with 978 or 979
                123-4-567-89012-8 | an EAN-13 outside the book prefixes        | an ISBN-13 starts with 978 or 979
                978-0-306-40615   | twelve digits                              | must be an ISBN-10 or ISBN-13
                978-0-306-40615-77| fourteen digits                            | must be an ISBN-10 or ISBN-13
                0-306-40615       | nine digits                                | must be an ISBN-10 or ISBN-13
                030640615-22      | eleven characters                          | must be an ISBN-10 or ISBN-13
                X-306-40615-2     | an X that is not the last character        | must be an ISBN-10 or ISBN-13
                978-0-306-40615-X | an X in an ISBN-13                         | must be an ISBN-10 or ISBN-13
                97803O6406157     | a letter O for a zero                      | must be an ISBN-10 or ISBN-13
                ISBN 9780306406157| the ISBN label                             | must be an ISBN-10 or ISBN-13
                978_0_306_40615_7 | underscores as separators                  | must be an ISBN-10 or ISBN-13
                978.0.306.40615.7 | dots as separators                         | must be an ISBN-10 or ISBN-13
                ９７８０３０６４０６１５７     | full-width digits                          | must be an ISBN-10 or ISBN-13
                ٩٧٨٠٣٠٦٤٠٦١٥٧     | Arabic-Indic digits                        | must be an ISBN-10 or ISBN-13
                '   '             | only spaces                                | must be an ISBN-10 or ISBN-13
                ''                | the empty string                           | must be an ISBN-10 or ISBN-13
                """)
        void with_a_reason(String raw, String description, String message) {
            assertRefused(raw, message);
        }

        @Test
        void a_tab_inside_is_not_a_separator() {
            assertRefused("978\t0306406157", "must be an ISBN-10 or ISBN-13");
        }

        @ParameterizedTest
        @NullSource
        void null_is_refused_as_required(String raw) {
            assertRefused(raw, "is required");
        }

        @Test
        void input_longer_than_32_characters_is_refused_before_it_is_read() {
            String digits = "9780306406157";

            assertThat(new Isbn(digits + " ".repeat(32 - digits.length())).value()).isEqualTo(digits);
            assertRefused(digits + " ".repeat(33 - digits.length()), "must be an ISBN-10 or ISBN-13");
            assertRefused("-".repeat(1_000_000) + digits, "must be an ISBN-10 or ISBN-13");
        }
    }
}
