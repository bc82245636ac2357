package dev.books.adapter.http.books;

import dev.books.adapter.http.exchange.Principals;
import dev.books.adapter.http.problem.ProblemTranslation;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import dev.books.application.BookListing;
import dev.books.application.BookUseCases;
import dev.books.application.CreateBookCommand;
import dev.books.application.DeleteBookCommand;
import dev.books.application.ListBooksQuery;
import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.json.BookFields;
import io.javalin.http.Context;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The five book endpoints. Each parses what it needs, calls one use case and maps the result; failures propagate
 * to the problem writer (see {@code HttpApi}: every exception a route throws becomes a problem).
 *
 * <p>Read-your-writes with less work (ADR 0015): a successful write answers with a {@value #CONSISTENCY_TOKEN}
 * header when the store issues tokens, and reads that send it back run after it.
 */
final class BookEndpoints {

    static final String JSON = "application/json";
    /** The header that carries a consistency token, out with writes and back in with reads. */
    static final String CONSISTENCY_TOKEN = "Books-Consistency-Token";
    private static final Set<String> CREATE_TYPES = Set.of(JSON);
    private static final Set<String> PATCH_TYPES = Set.of("application/merge-patch+json", JSON);

    private final BookUseCases books;
    private final IdempotentCreates idempotentCreates;
    private final BookRequestBinder binder;
    private final JsonBodyReader bodies;
    private final BookJsonCodec json;

    BookEndpoints(BookUseCases books, IdempotentCreates idempotentCreates, BookRequestBinder binder,
                  JsonBodyReader bodies, BookJsonCodec json) {
        this.books = books;
        this.idempotentCreates = idempotentCreates;
        this.binder = binder;
        this.bodies = bodies;
        this.json = json;
    }

    /** {@code POST /books}, at most once per Idempotency-Key. */
    void create(Context ctx) {
        String key = IdempotentCreates.key(ctx);
        MessageDigest fingerprint = key == null ? null : sha256();
        BookFields body = bodies.readObject(ctx, CREATE_TYPES, binder::bind, fingerprint);
        CreateBookCommand command = binder.bindCreate(body);
        if (key == null) {
            created(books.createBook().create(command, actor(ctx))).writeTo(ctx);
        } else {
            idempotentCreates.once(ctx, key, fingerprint.digest(),
                    () -> created(books.createBook().create(command, actor(ctx))));
        }
    }

    /** Its token is kept with the answer for a replay: it covers the write the replay speaks of. */
    private IdempotentCreates.Answer created(Book book) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/books/" + book.id());
        headers.put("ETag", EntityTags.of(book.version()));
        headers.put("Content-Type", JSON);
        books.consistentReads().tokenAfterWrite().ifPresent(token -> headers.put(CONSISTENCY_TOKEN, token));
        return new IdempotentCreates.Answer(201, headers, json.write(BookResponse.of(book)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code GET /books/{id}} (and HEAD), conditional on If-None-Match. */
    void get(Context ctx) throws IOException {
        BookId id = bookId(ctx);
        Book book = books.consistentReads().after(ctx.header(CONSISTENCY_TOKEN), () -> books.getBook().get(id));
        String ifNoneMatch = listHeader(ctx, "If-None-Match");
        if (ifNoneMatch != null && EntityTags.noneMatchNames(ifNoneMatch, book.version())) {
            ctx.status(304).header("ETag", EntityTags.of(book.version()));
            ctx.res().setContentType(null);
            // Committed here, before anything is written: completing an empty response, Jetty would add
            // Content-Length: 0, which a 304 must not carry unless that is the 200's length (RFC 9110, 8.6).
            ctx.res().flushBuffer();
            return;
        }
        respond(ctx, book);
    }

    /** {@code GET /books}: a page of the catalogue, filtered or searched. */
    void list(Context ctx) {
        ListBooksQuery query = ListQueryParser.parse(ctx.queryString());
        BookListing page = books.consistentReads().after(ctx.header(CONSISTENCY_TOKEN),
                () -> books.listBooks().list(query));
        ctx.contentType(JSON).result(json.write(BookPageResponse.of(page)));
    }

    /** {@code PATCH /books/{id}}: a JSON Merge Patch, conditional on If-Match. */
    void update(Context ctx) {
        BookId id = bookId(ctx);
        BookFields patch = bodies.readObject(ctx, PATCH_TYPES, binder::bind, null);
        Book book = books.updateBook().update(binder.bindPatch(id, patch, expectedVersion(ctx, id)), actor(ctx));
        tokenAfterWrite(ctx);
        respond(ctx, book);
    }

    /** {@code DELETE /books/{id}}, conditional on If-Match. */
    void delete(Context ctx) {
        BookId id = bookId(ctx);
        books.deleteBook().delete(new DeleteBookCommand(id, expectedVersion(ctx, id)), actor(ctx));
        tokenAfterWrite(ctx);
        ctx.status(204);
        ctx.res().setContentType(null);
    }

    private void tokenAfterWrite(Context ctx) {
        books.consistentReads().tokenAfterWrite().ifPresent(token -> ctx.header(CONSISTENCY_TOKEN, token));
    }

    private void respond(Context ctx, Book book) {
        ctx.header("ETag", EntityTags.of(book.version()))
                .contentType(JSON)
                .result(json.write(BookResponse.of(book)));
    }

    /**
     * A list-valued header as one value: repeated lines are one comma-separated list (RFC 9110, 5.3), so
     * {@code If-Match: "5"} and {@code If-Match: "1"} on two lines mean {@code If-Match: "5", "1"}.
     */
    private static String listHeader(Context ctx, String name) {
        Enumeration<String> lines = ctx.req().getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            joined.append(", ").append(lines.nextElement());
        }
        return joined.toString();
    }

    /** Who the change is attributed to: the request's principal (see the security part), or anonymous. */
    private static Actor actor(Context ctx) {
        return Principals.actorOf(ctx.req());
    }

    private static BookId bookId(Context ctx) {
        return BookId.parse(ctx.pathParam("id")).orElseThrow(() -> new RejectedRequest(
                ProblemType.MALFORMED_ID,
                "A book id is a UUID such as 01890a5d-ac96-774b-bcce-b302099a8057."));
    }

    /**
     * The version If-Match asks for. One strong tag is passed to the use case to check atomically with the
     * write; {@code *} asks only that the book exists. Anything else (several tags, or none that could be
     * ours) needs the current version to decide, and a missing book is a 404 before it is a 412.
     */
    private OptionalLong expectedVersion(Context ctx, BookId id) {
        String header = listHeader(ctx, "If-Match");
        if (header == null) {
            return OptionalLong.empty();
        }
        EntityTags.IfMatch ifMatch = EntityTags.ifMatch(header);
        if (ifMatch.any()) {
            return OptionalLong.empty();
        }
        if (ifMatch.versions().length == 1) {
            return OptionalLong.of(ifMatch.versions()[0]);
        }
        long current = books.getBook().get(id).version();
        if (!ifMatch.names(current)) {
            throw new RejectedRequest(ProblemType.VERSION_CONFLICT, ProblemTranslation.STALE_TAG_DETAIL);
        }
        return OptionalLong.of(current);
    }
}
