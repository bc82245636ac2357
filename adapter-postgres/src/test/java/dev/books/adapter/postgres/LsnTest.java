package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0/0", "0/16B3748", "1/0", "FFFFFFFF/FFFFFFFF", "7FFFFFFF/FFFFFFFF", "A/B"})
    void a_position_reads_and_writes_as_postgresql_writes_it(String text) {
        assertThat(Lsn.parse(text)).map(Lsn::toString).contains(text);
    }

    @Test
    void lower_case_hex_is_read_too() {
        assertThat(Lsn.parse("ab/cdef")).map(Lsn::toString).contains("AB/CDEF");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "/", "0/", "/0", "0", "G/0", "0/G", "-1/0", "0/-1", "123456789/0", "0/123456789",
        "0/0/0", " 0/0", "0/0 ", "m1", "١/٠"})
    void anything_else_is_no_position(String text) {
        assertThat(Lsn.parse(text)).isEmpty();
    }

    @Test
    void no_text_is_no_position() {
        assertThat(Lsn.parse(null)).isEmpty();
    }

    @Test
    void positions_compare_as_unsigned_numbers_high_half_first() {
        Lsn low = Lsn.parse("0/FFFFFFFF").orElseThrow();
        Lsn high = Lsn.parse("1/0").orElseThrow();
        Lsn top = Lsn.parse("FFFFFFFF/FFFFFFFF").orElseThrow();

        assertThat(high.isAtLeast(low)).isTrue();
        assertThat(low.isAtLeast(high)).isFalse();
        assertThat(top.isAtLeast(high)).isTrue();
        assertThat(top.compareTo(high)).isPositive();
        assertThat(low.isAtLeast(low)).isTrue();
        assertThat(low.max(top)).isEqualTo(top);
        assertThat(top.max(low)).isEqualTo(top);
    }
}
