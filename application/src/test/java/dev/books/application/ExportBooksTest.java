package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExportBooksTest extends CatalogueFixture {

    private final ExportBooks exportBooks = BulkUseCases.using(repository, repository, clock).exportBooks();

    @Test
    void hands_out_every_book_newest_first() {
        List<Book> created = IntStream.range(0, 2_007)
                .mapToObj(n -> create("Title " + n, "Author " + n % 9)).toList();
        List<Book> seen = new ArrayList<>();

        ExportSummary summary = exportBooks.export(seen::add);

        assertThat(summary.exported()).isEqualTo(created.size());
        assertThat(seen).isEqualTo(created.stream().sorted(Comparator.comparing(Book::createdAt).reversed()).toList());
    }

    @Test
    void is_a_copy_of_the_catalogue_as_it_stood_when_the_export_began() {
        Book kept = create("Dune", "Frank Herbert");
        Book deletedMeanwhile = create("Emma", "Jane Austen");
        List<Book> seen = new ArrayList<>();

        exportBooks.export(book -> {
            if (seen.isEmpty()) {
                repository.delete(deletedMeanwhile.id(), OptionalLong.empty());
                create("Beloved", "Toni Morrison");
            }
            seen.add(book);
        });

        assertThat(seen).containsExactly(deletedMeanwhile, kept);
    }

    @Test
    void of_an_empty_catalogue_hands_out_nothing() {
        assertThat(exportBooks.export(book -> {
            throw new AssertionError("no book expected");
        })).isEqualTo(new ExportSummary(0, Duration.ZERO));
    }

    @Test
    void fails_when_the_store_is_unavailable() {
        create("Dune", "Frank Herbert");
        repository.setAvailable(false);

        assertThatThrownBy(() -> exportBooks.export(book -> { })).isInstanceOf(StoreUnavailableException.class);
    }
}
