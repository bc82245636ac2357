package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The statements' parts and the COPY row, all derived from the one list of columns. */
class BookRowTest {

    @Test
    void every_column_has_a_parameter_of_its_name_in_camel_case() {
        assertThat(BookRow.WRITTEN_COLUMNS).isEqualTo("id, title, author, category, isbn, published_year, version, "
                + "created_at, updated_at, title_key, author_key, category_key, created_by, updated_by, search_words");
        assertThat(BookRow.PARAMETERS).isEqualTo(":id, :title, :author, :category, :isbn, :publishedYear, :version, "
                + ":createdAt, :updatedAt, :titleKey, :authorKey, :categoryKey, :createdBy, :updatedBy, :searchWords");
    }

    @Test
    void statements_read_back_every_column_but_the_stored_search_words() {
        assertThat(BookRow.COLUMNS).isEqualTo("id, title, author, category, isbn, published_year, version, "
                + "created_at, updated_at, title_key, author_key, category_key, created_by, updated_by");
        assertThat(BookRow.WRITTEN_COLUMNS).startsWith(BookRow.COLUMNS + ", ");
    }

    @Test
    void an_update_writes_every_column_but_the_id_and_the_creation_time_and_creator() {
        assertThat(BookRow.ASSIGNMENTS).isEqualTo("title = :title, author = :author, category = :category, "
                + "isbn = :isbn, published_year = :publishedYear, version = :version, updated_at = :updatedAt, "
                + "title_key = :titleKey, author_key = :authorKey, category_key = :categoryKey, "
                + "updated_by = :updatedBy, search_words = :searchWords");
    }

    @Test
    void a_copy_row_holds_every_column_in_order_text_escaped_and_absent_values_as_null() {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Book book = Book.create(BookDetails.from("Back\\slash", "Ｆrank", null, "978-0-441-01359-3", null, clock),
                clock);

        String row = new String(BookRow.copy(book, new CopyText(1)).endRow().toBytes(), StandardCharsets.UTF_8);

        assertThat(row).isEqualTo(book.id() + "\tBack\\\\slash\tＦrank\t\\N\t9780441013593\t\\N\t1\t"
                + "2026-01-01T00:00Z\t2026-01-01T00:00Z\tback\\\\slash\tfrank\t\\N\tanonymous\tanonymous\t"
                + "{\"back\",\"slash\",\"frank\",\"backslash\",\"slashfrank\"}\n");
    }

    @Test
    void a_copy_row_quotes_every_stored_word_and_leaves_them_null_where_postgresql_must_spell_them() {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Book ascii = Book.create(BookDetails.from("Null Island", "Ann Null", null, null, null, clock), clock);
        Book accented = Book.create(BookDetails.from("Cien años", "García Márquez", null, null, null, clock), clock);

        String asciiRow = new String(BookRow.copy(ascii, new CopyText(1)).endRow().toBytes(), StandardCharsets.UTF_8);
        String accentedRow = new String(BookRow.copy(accented, new CopyText(1)).endRow().toBytes(),
                StandardCharsets.UTF_8);

        assertThat(asciiRow).endsWith("\t{\"null\",\"island\",\"ann\",\"nullisland\",\"islandann\",\"annnull\"}\n");
        assertThat(accentedRow).endsWith("\t\\N\n");
    }
}
