package dev.books.application;

import static dev.books.application.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidQueryException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ListBooks, for any cursor and any catalogue")
class ListBooksPropertiesTest extends CatalogueFixture {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A request: list (newest first) or search, with a cursor. */
    private record Request(String text, String cursor) {
        ListBooksQuery query() {
            return new ListBooksQuery(null, null, null, text, 3, cursor);
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String anyString(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(0x10000));
        }
        return out.toString();
    }

    /** Anything a client could send as a cursor, from noise to a real cursor with a little changed. */
    private static String anyCursor(Random random, List<String> realCursors) {
        String real = realCursors.get(random.nextInt(realCursors.size()));
        byte[] bytes = Cursors.bytesOf(real);
        return switch (random.nextInt(8)) {
            case 0 -> anyString(random);
            case 1 -> randomText(random, BASE64URL, random.nextInt(70));
            case 2 -> randomText(random, BASE64URL, 40 + random.nextInt(2) * 6);
            case 3 -> real.substring(0, random.nextInt(real.length()));
            case 4 -> {
                int at = random.nextInt(real.length());
                yield real.substring(0, at) + BASE64URL.charAt(random.nextInt(64)) + real.substring(at + 1);
            }
            case 5 -> {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                yield Cursors.cursorOf(bytes);
            }
            case 6 -> {
                // A forgery with a correct checksum: any position, any relevance (NaN and infinities included).
                byte[] position = new byte[bytes.length - 10];
                random.nextBytes(position);
                System.arraycopy(position, 0, bytes, 6, position.length);
                yield Cursors.forged(bytes);
            }
            default -> {
                ByteBuffer.wrap(bytes).putFloat(6, new float[] {Float.NaN, Float.POSITIVE_INFINITY, -1f, 2f, 0f}
                        [random.nextInt(5)]);
                yield Cursors.forged(bytes);
            }
        };
    }

    @Test
    void any_string_as_cursor_gives_a_page_or_is_refused_as_a_bad_cursor_never_anything_else() {
        IntStream.rangeClosed(1, 10).forEach(n -> create("Hobbit " + n, "Author " + n));
        List<String> realCursors = new ArrayList<>();
        for (String text : Arrays.asList(null, "hobbit")) {
            realCursors.add(books.listBooks().list(new Request(text, null).query()).nextCursor().orElseThrow());
        }

        forAll(2_000, Arrays.asList(new Request(null, realCursors.get(0)), new Request("hobbit", realCursors.get(1))),
                random -> new Request(random.nextBoolean() ? null : "hobbit", anyCursor(random, realCursors)),
                request -> {
                    try {
                        BookListing page = books.listBooks().list(request.query());
                        assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
                    } catch (InvalidQueryException refused) {
                        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactly("cursor");
                    }
                });
    }

    /** A catalogue size and a page size. */
    private record Shape(int books, int limit, boolean search) {
    }

    @Test
    void following_the_cursors_visits_every_book_once_in_order_whatever_the_page_size() {
        forAll(60, List.of(new Shape(0, 1, false), new Shape(1, 1, true), new Shape(20, 20, false),
                        new Shape(21, 20, true)),
                random -> new Shape(random.nextInt(45), 1 + random.nextInt(random.nextBoolean() ? 5 : 100),
                        random.nextBoolean()),
                shape -> {
                    CatalogueFixture catalogue = new CatalogueFixture() { };
                    List<Book> created = IntStream.range(0, shape.books())
                            .mapToObj(n -> catalogue.create("Hobbit Volume " + n, "Author " + n)).toList();
                    String text = shape.search() ? "hobbit" : null;
                    ListBooks listBooks = catalogue.books.listBooks();

                    List<Book> seen = new ArrayList<>();
                    BookListing page = listBooks.list(new ListBooksQuery(null, null, null, text, shape.limit(), null));
                    seen.addAll(page.items());
                    while (page.nextCursor().isPresent()) {
                        assertThat(page.items()).hasSize(shape.limit());
                        page = listBooks.list(new ListBooksQuery(null, null, null, text, shape.limit(),
                                page.nextCursor().get()));
                        seen.addAll(page.items());
                    }

                    List<Book> oneBigPage = shape.search()
                            ? listBooks.list(new ListBooksQuery(null, null, null, text, 100, null)).items()
                            : created.stream().sorted(Comparator.comparing(Book::createdAt).reversed()).toList();
                    assertThat(seen).containsExactlyElementsOf(oneBigPage).hasSize(shape.books());
                });
    }
}
