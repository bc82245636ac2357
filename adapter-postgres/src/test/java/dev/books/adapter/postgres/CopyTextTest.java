package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void fields_are_tab_separated_rows_newline_ended_and_null_is_backslash_n() {
        byte[] rows = new CopyText(2).plain(1).text("Dune").text(null).endRow().plain(2).plain(null).endRow().toBytes();

        assertThat(new String(rows, StandardCharsets.UTF_8)).isEqualTo("1\tDune\t\\N\n2\t\\N\n");
    }

    @Test
    void the_characters_that_frame_the_format_are_escaped_and_the_rest_kept() {
        byte[] row = new CopyText(1).text("a\\b\tc\nd\re \"ñ\" 📚 \\N").endRow().toBytes();

        assertThat(new String(row, StandardCharsets.UTF_8)).isEqualTo("a\\\\b\\tc\\nd\\re \"ñ\" 📚 \\\\N\n");
    }
}
