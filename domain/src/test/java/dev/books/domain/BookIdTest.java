package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class BookIdTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:20:30.456789Z");

    @Nested
    class Generated {

        @Test
        void is_a_version_7_uuid_of_the_ietf_variant() {
            UUID id = BookId.generate(NOW).value();

            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        }

        @Test
        void carries_the_instants_milliseconds_in_its_leading_48_bits() {
            UUID id = BookId.generate(NOW).value();

            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
            assertThat(id.toString()).startsWith(String.format("%08x-%04x", NOW.toEpochMilli() >>> 16,
                    NOW.toEpochMilli() & 0xFFFF));
        }

        @Test
        void differs_every_time_even_within_one_millisecond() {
            Set<BookId> ids = new HashSet<>();
            IntStream.range(0, 10_000).forEach(i -> ids.add(BookId.generate(NOW)));

            assertThat(ids).hasSize(10_000);
        }

        @Test
        void fills_its_74_random_bits_with_both_zeros_and_ones() {
            long randomHighBits = 0;
            long randomLowBits = 0;
            long randomHighOnes = -1;
            long randomLowOnes = -1;
            for (int i = 0; i < 200; i++) {
                UUID id = BookId.generate(NOW).value();
                long high = id.getMostSignificantBits() & 0x0FFFL;
                long low = id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL;
                randomHighBits |= high;
                randomLowBits |= low;
                randomHighOnes &= high;
                randomLowOnes &= low;
            }

            assertThat(randomHighBits).as("every random bit is sometimes set").isEqualTo(0x0FFFL);
            assertThat(randomLowBits).as("every random bit is sometimes set").isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
            assertThat(randomHighOnes | randomLowOnes).as("no random bit is always set").isZero();
        }

        @Test
        void an_id_made_a_millisecond_later_sorts_after_it() {
            List<BookId> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(BookId.generate(NOW.plusMillis(i)));
            }

            assertThat(ids).isSorted();
        }

        @Test
        void ids_made_after_the_year_6429_when_the_sign_bit_flips_still_sort_after_older_ones() {
            Instant lastBeforeSignBit = Instant.ofEpochMilli((1L << 47) - 1);
            Instant firstWithSignBit = Instant.ofEpochMilli(1L << 47);

            BookId older = BookId.generate(lastBeforeSignBit);
            BookId newer = BookId.generate(firstWithSignBit);

            assertThat(newer.value().getMostSignificantBits()).isNegative();
            assertThat(newer).isGreaterThan(older);
        }
    }

    @Nested
    class Order {

        @Test
        void is_unsigned_as_in_postgresql_unlike_java_uuid_compare_to() {
            BookId highBitSet = BookId.parse("80000000-0000-7000-8000-000000000000").orElseThrow();
            BookId highBitClear = BookId.parse("7fffffff-ffff-7fff-bfff-ffffffffffff").orElseThrow();

            assertThat(highBitSet.value().compareTo(highBitClear.value())).as("java.util.UUID is signed").isNegative();
            assertThat(highBitSet).isGreaterThan(highBitClear);
        }

        @Test
        void breaks_ties_on_the_low_64_bits_unsigned_too() {
            BookId lowHighBitSet = BookId.parse("01890a5d-ac96-774b-bcce-b302099a8057").orElseThrow();
            BookId lowHighBitClear = BookId.parse("01890a5d-ac96-774b-7cce-b302099a8057").orElseThrow();

            assertThat(lowHighBitSet).isGreaterThan(lowHighBitClear);
            assertThat(lowHighBitClear).isLessThan(lowHighBitSet);
        }

        @Test
        void is_consistent_with_equals() {
            BookId id = BookId.generate(NOW);
            BookId same = new BookId(id.value());

            assertThat(id.compareTo(same)).isZero();
            assertThat(id).isEqualTo(same).hasSameHashCodeAs(same);
        }
    }

    @Nested
    class Parsed {

        @Test
        void accepts_the_canonical_form_in_lower_and_upper_case() {
            String canonical = "01890a5d-ac96-774b-bcce-b302099a8057";

            assertThat(BookId.parse(canonical)).map(BookId::toString).contains(canonical);
            assertThat(BookId.parse(canonical.toUpperCase(Locale.ROOT))).isEqualTo(BookId.parse(canonical));
            assertThat(BookId.parse("01890A5D-ac96-774B-bCcE-b302099a8057")).isEqualTo(BookId.parse(canonical));
        }

        @Test
        void round_trips_a_generated_id() {
            BookId id = BookId.generate(NOW);

            assertThat(BookId.parse(id.toString())).contains(id);
        }

        @ParameterizedTest(name = "{1}: \"{0}\"")
        @CsvSource(delimiter = '|', textBlock = """
                1-1-1-1-1                             | the short form java.util.UUID accepts
                01890a5d-ac96-774b-bcce-b302099a805   | 35 characters
                01890a5d-ac96-774b-bcce-b302099a80577 | 37 characters
                01890a5d-ac96-774b-bcce-b302099a805g  | a g
                01890a5d+ac96-774b-bcce-b302099a8057  | a plus for a dash
                01890a5dac96-774b-bcce-b302099a8057-  | a dash in the wrong place
                01890a5d-ac96-774b-bcceb-302099a8057  | the last dash one place late
                01890a5dac96774bbcceb302099a80570000  | no dashes at all
                {01890a5d-ac96-774b-bcce-b30209a8057} | braces
                ' 1890a5d-ac96-774b-bcce-b302099a8057'| a leading space
                0x890a5d-ac96-774b-bcce-b302099a8057  | a hex prefix
                -1890a5d-ac96-774b-bcce-b302099a8057  | a minus sign
                +1890a5d-ac96-774b-bcce-b302099a8057  | a plus sign
                ０1890a5d-ac96-774b-bcce-b302099a8057  | a full-width zero
                ٠1890a5d-ac96-774b-bcce-b302099a8057  | an Arabic-Indic zero
                ''                                    | the empty string
                """)
        void refuses_anything_but_the_canonical_form(String text, String description) {
            assertThat(BookId.parse(text)).isEmpty();
        }

        @ParameterizedTest
        @NullSource
        void refuses_null(String text) {
            assertThat(BookId.parse(text)).isEmpty();
        }
    }

    @Test
    void cannot_wrap_null() {
        assertThatNullPointerException().isThrownBy(() -> new BookId(null));
    }
}
