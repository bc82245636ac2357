package dev.books.domain;

import static dev.books.domain.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Isbn, for any input")
class IsbnPropertiesTest {

    private static final List<String> EDGE_CASES = Arrays.asList(
            null, "", " ", "-", "X", "0000000000", "0000000000000", "9780000000002", "9790000000001",
            "999999999X", "9999999999999", "-".repeat(33));

    /** An ISBN and the punctuated way someone typed it. */
    private record Typed(String isbn, String typed) {
    }

    @Test
    void any_input_becomes_thirteen_digits_with_a_valid_check_digit_or_is_refused_on_field_isbn() {
        forAll(EDGE_CASES, Generators::isbnLike, raw -> {
            Isbn isbn;
            try {
                isbn = new Isbn(raw);
            } catch (InvalidBookException refused) {
                assertThat(refused.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("isbn");
                    assertThat(violation.message()).isNotBlank();
                });
                return;
            }
            String digits = isbn.value();
            assertThat(digits).hasSize(13).matches("97[89][0-9]{10}");
            assertThat(digits.charAt(12)).isEqualTo(Generators.isbn13CheckDigit(digits.substring(0, 12)));
            assertThat(new Isbn(digits)).as("an ISBN made again from its own digits").isEqualTo(isbn);
        });
    }

    @Test
    void any_valid_isbn13_however_punctuated_is_held_as_its_digits() {
        forAll(random -> {
            String isbn = Generators.isbn13(random);
            return new Typed(isbn, Generators.punctuate(random, isbn));
        }, sample -> assertThat(new Isbn(sample.typed()).value()).isEqualTo(sample.isbn()));
    }

    @Test
    void any_valid_isbn10_becomes_the_isbn13_with_978_in_front() {
        forAll(random -> {
            String isbn = Generators.isbn10(random);
            return new Typed(isbn, Generators.punctuate(random, isbn));
        }, sample -> {
            String nine = sample.isbn().substring(0, 9);
            Isbn isbn = new Isbn(sample.typed());

            assertThat(isbn.value()).isEqualTo("978" + nine + Generators.isbn13CheckDigit("978" + nine));
        });
    }

    @Test
    void any_single_mistyped_character_is_caught() {
        forAll(random -> Generators.withOneCharacterChanged(random,
                random.nextBoolean() ? Generators.isbn13(random) : Generators.isbn10(random)),
                mistyped -> assertThatThrownBy(() -> new Isbn(mistyped)).isInstanceOf(InvalidBookException.class));
    }
}
