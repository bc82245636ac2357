package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicationYearTest {

    private static void assertRefused(Runnable making, String message) {
        assertThatThrownBy(making::run)
                .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("publishedYear", message)));
    }

    @Nested
    class FromNewInput {

        private final StoppedClock clock = new StoppedClock("2026-06-15T12:00:00Z");

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {1, 1455, 1965, 2025, 2026, 2027})
        void any_year_from_1_to_next_year_is_accepted(int year) {
            assertThat(PublicationYear.of(year, clock).value()).isEqualTo(year);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {2028, 3000, Integer.MAX_VALUE})
        void a_year_after_next_year_is_refused(int year) {
            assertRefused(() -> PublicationYear.of(year, clock), "must be 2027 or earlier");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {0, -1, -500, Integer.MIN_VALUE})
        void a_year_before_1_is_refused(int year) {
            assertRefused(() -> PublicationYear.of(year, clock), "must be 1 or later");
        }

        @Test
        void the_latest_year_allowed_is_next_year() {
            assertThat(PublicationYear.latestAllowed(clock)).isEqualTo(2027);
        }
    }

    @Nested
    class AroundNewYear {

        private final StoppedClock clock = new StoppedClock("2026-12-31T23:59:59.999999999Z");

        @Test
        void on_the_last_instant_of_the_year_the_year_after_next_is_still_refused() {
            assertThat(PublicationYear.of(2027, clock).value()).isEqualTo(2027);
            assertRefused(() -> PublicationYear.of(2028, clock), "must be 2027 or earlier");
        }

        @Test
        void one_nanosecond_later_it_is_accepted() {
            clock.advance(Duration.ofNanos(1));

            assertThat(PublicationYear.of(2028, clock).value()).isEqualTo(2028);
            assertRefused(() -> PublicationYear.of(2029, clock), "must be 2028 or earlier");
        }

        @Test
        void the_year_turns_in_utc_not_in_the_clocks_time_zone() {
            // 20:00 UTC on New Year's Eve is already 2027 on Kiritimati (UTC+14) and still 2026 in UTC.
            Clock aheadOfUtc = Clock.fixed(Instant.parse("2026-12-31T20:00:00Z"), ZoneId.of("Pacific/Kiritimati"));
            // 02:00 UTC on New Year's Day is still 2026 in Los Angeles and already 2027 in UTC.
            Clock behindUtc = Clock.fixed(Instant.parse("2027-01-01T02:00:00Z"), ZoneId.of("America/Los_Angeles"));

            assertThat(PublicationYear.latestAllowed(aheadOfUtc)).isEqualTo(2027);
            assertRefused(() -> PublicationYear.of(2028, aheadOfUtc), "must be 2027 or earlier");
            assertThat(PublicationYear.latestAllowed(behindUtc)).isEqualTo(2028);
            assertThat(PublicationYear.of(2028, behindUtc).value()).isEqualTo(2028);
        }
    }

    @Nested
    class Rebuilt {

        @Test
        void the_constructor_accepts_any_year_from_1_because_it_does_not_know_the_date() {
            assertThat(new PublicationYear(1).value()).isEqualTo(1);
            assertThat(new PublicationYear(3000).value()).isEqualTo(3000);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void the_constructor_refuses_a_year_before_1(int year) {
            assertRefused(() -> new PublicationYear(year), "must be 1 or later");
        }

        @Test
        void prints_as_the_bare_number() {
            assertThat(new PublicationYear(1965)).hasToString("1965").isEqualTo(new PublicationYear(1965));
        }
    }
}
