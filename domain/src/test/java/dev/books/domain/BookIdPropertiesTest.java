package dev.books.domain;

import static dev.books.domain.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BookId, for any instant and any text")
class BookIdPropertiesTest {

    /** Every millisecond a version 7 UUID can hold: 48 bits, to the year 10889. */
    private static final long LAST_MILLI = (1L << 48) - 1;

    private static Instant anyInstant(Random random) {
        return Instant.ofEpochMilli((random.nextLong() & Long.MAX_VALUE) % (LAST_MILLI + 1))
                .plusNanos(random.nextInt(1_000_000));
    }

    /** The id's text with one character replaced: by a hex digit, a dash, or a digit or letter that is neither. */
    private static String withOneCharacterChanged(Random random, String id) {
        String replacements = "0123456789abcdefABCDEF-gGxX {}٠٣０１ａ";
        int at = random.nextInt(id.length());
        return id.substring(0, at) + replacements.charAt(random.nextInt(replacements.length())) + id.substring(at + 1);
    }

    @Test
    void a_generated_id_is_version_7_and_carries_its_milliseconds() {
        forAll(BookIdPropertiesTest::anyInstant, now -> {
            UUID id = BookId.generate(now).value();

            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
        });
    }

    @Test
    void parsing_an_ids_text_in_either_case_gives_the_id_back() {
        forAll(random -> BookId.generate(anyInstant(random)), id -> {
            assertThat(BookId.parse(id.toString())).contains(id);
            assertThat(BookId.parse(id.toString().toUpperCase(Locale.ROOT))).contains(id);
        });
    }

    @Test
    void ids_made_at_different_milliseconds_sort_by_them() {
        forAll(random -> new Instant[] {anyInstant(random), anyInstant(random)}, instants -> {
            long first = instants[0].toEpochMilli();
            long second = instants[1].toEpochMilli();
            int order = BookId.generate(instants[0]).compareTo(BookId.generate(instants[1]));

            if (first != second) {
                assertThat(Integer.signum(order)).isEqualTo(Long.signum(first - second));
            }
        });
    }

    @Test
    void parsing_any_text_never_throws_and_accepts_only_the_canonical_form() {
        forAll(random -> random.nextBoolean()
                        ? withOneCharacterChanged(random, BookId.generate(anyInstant(random)).toString())
                        : Generators.anyText(random),
                text -> {
                    Optional<BookId> parsed = BookId.parse(text);
                    parsed.ifPresent(id -> assertThat(id.toString()).isEqualTo(text.toLowerCase(Locale.ROOT)));
                    if (text != null && !text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                            + "[0-9a-fA-F]{12}")) {
                        assertThat(parsed).isEmpty();
                    }
                });
    }
}
