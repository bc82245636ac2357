package dev.books.clientit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import books.client.ApiClient;
import books.client.ApiException;
import books.client.ApiResponse;
import books.client.api.BooksApi;
import books.client.api.DocumentationApi;
import books.client.api.OperationsApi;
import books.client.model.Book;
import books.client.model.BookPage;
import books.client.model.BookPatch;
import books.client.model.Liveness;
import books.client.model.NewBook;
import books.client.model.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.books.access.ApiKeys;
import dev.books.access.Scope;
import dev.books.adapter.http.HttpApi;
import dev.books.adapter.http.HttpSettings;
import dev.books.adapter.http.operations.Operations;
import dev.books.application.BookUseCases;
import dev.books.application.IdempotencyUseCases;
import dev.books.testkit.InMemoryApiKeyStore;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.InMemoryRequestLog;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the OpenAPI document by openapi-generator (java, library native; see this module's
 * pom) drives the real API over HTTP: if the document and the service disagree, the client cannot work.
 */
class GeneratedClientRoundTripTest {

    private Javalin app;
    private ApiClient client;
    private BooksApi books;

    /** A key with every scope, which the client sends as the document says ({@code X-Api-Key}). */
    private String apiKey;

    @BeforeEach
    void start() {
        HttpSettings settings = new HttpSettings(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES,
                HttpSettings.DEFAULT_RETRY_AFTER_SECONDS, false, Duration.ZERO);
        ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore(), Clock.systemUTC());
        apiKey = apiKeys.create("client-it", EnumSet.allOf(Scope.class), Optional.empty()).secret();
        app = HttpApi.create(BookUseCases.using(new InMemoryBookRepository(), Clock.systemUTC()),
                IdempotencyUseCases.using(new InMemoryRequestLog(), Clock.systemUTC(),
                        IdempotencyUseCases.DEFAULT_TIME_TO_LIVE).idempotentRequests(),
                apiKeys, settings, Operations.standalone()).start("127.0.0.1", 0);
        client = authenticated(apiKey);
        books = new BooksApi(client);
    }

    private ApiClient authenticated(String key) {
        ApiClient authenticated = new ApiClient();
        authenticated.updateBaseUri("http://127.0.0.1:" + app.port());
        if (key != null) {
            authenticated.setRequestInterceptor(request -> request.header("X-Api-Key", key));
        }
        return authenticated;
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void create_get_list_patch_delete_through_the_generated_client() throws ApiException {
        ApiResponse<Book> created = books.createBookWithHttpInfo(new NewBook()
                .title("The Left Hand of Darkness").author("Ursula K. Le Guin").isbn("0-441-47812-3")
                .publishedYear(1969), null, "client-it-1");

        assertThat(created.getStatusCode()).isEqualTo(201);
        Book book = created.getData();
        assertThat(book.getIsbn()).isEqualTo("9780441478125");
        assertThat(book.getCategory()).isNull();
        assertThat(book.getVersion()).isEqualTo(1);
        assertThat(created.getHeaders().get("location")).containsExactly("/books/" + book.getId());
        assertThat(created.getHeaders().get("etag")).containsExactly("\"1\"");
        assertThat(created.getHeaders().get("x-request-id")).containsExactly("client-it-1");

        assertThat(books.getBook(book.getId(), null, null, null)).isEqualTo(book);

        BookPage page = books.listBooks(null, "ursula k. le guin", null, null, null, null, null, null);
        assertThat(page.getItems()).containsExactly(book);
        assertThat(page.getNextCursor()).isNull();

        ApiResponse<Book> patched = books.updateBookWithHttpInfo(book.getId(),
                new BookPatch().category("Science Fiction").isbn(null).publishedYear(1970), "\"1\"", null);
        assertThat(patched.getStatusCode()).isEqualTo(200);
        assertThat(patched.getHeaders().get("etag")).containsExactly("\"2\"");
        Book changed = patched.getData();
        assertThat(changed.getVersion()).isEqualTo(2);
        assertThat(changed.getTitle()).isEqualTo("The Left Hand of Darkness");
        assertThat(changed.getCategory()).isEqualTo("Science Fiction");
        assertThat(changed.getIsbn()).as("null in a merge patch clears the field").isNull();
        assertThat(changed.getPublishedYear()).isEqualTo(1970);
        assertThat(changed.getCreatedAt()).isEqualTo(book.getCreatedAt());

        books.deleteBook(book.getId(), "\"2\"", null);

        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> books.getBook(book.getId(), null, null, "client-it-2"));
        assertThat(missing.getCode()).isEqualTo(404);
        Problem problem = problem(missing);
        assertThat(problem.getType()).isEqualTo("urn:books:problem:book-not-found");
        assertThat(problem.getRequestId()).isEqualTo("client-it-2");
        assertThat(problem.getDetail()).contains(book.getId().toString());
    }

    @Test
    void without_credentials_a_create_is_a_401_problem_the_client_can_read() throws ApiException {
        BooksApi anonymous = new BooksApi(authenticated(null));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> anonymous.createBook(new NewBook().title("Dune").author("Frank Herbert"), null, "client-it-3"));

        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().firstValue("www-authenticate")).contains("Bearer realm=\"books\"");
        assertThat(problem(refused).getType()).isEqualTo("urn:books:problem:unauthorized");
        assertThat(anonymous.listBooks(null, "Frank Herbert", null, null, null, null, null, null).getItems())
                .as("reads are public").isEmpty();
    }

    @Test
    void the_book_says_who_created_and_changed_it() throws ApiException {
        Book book = books.createBook(new NewBook().title("Dune").author("Frank Herbert"), null, null);

        assertThat(book.getCreatedBy()).isEqualTo("key:client-it");
        assertThat(book.getUpdatedBy()).isEqualTo("key:client-it");
    }

    @Test
    void pages_are_followed_through_next_cursor() throws ApiException {
        for (int i = 1; i <= 5; i++) {
            books.createBook(new NewBook().title("Foundation " + i).author("Isaac Asimov"), null, null);
        }

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            BookPage page = books.listBooks(null, "Isaac Asimov", null, null, 2, cursor, null, null);
            page.getItems().forEach(item -> titles.add(item.getTitle()));
            cursor = page.getNextCursor();
        } while (cursor != null);

        assertThat(titles).containsExactlyInAnyOrder(
                "Foundation 1", "Foundation 2", "Foundation 3", "Foundation 4", "Foundation 5");
    }

    @Test
    void a_create_retried_with_its_idempotency_key_answers_as_the_first_and_creates_one_book() throws ApiException {
        NewBook dune = new NewBook().title("Dune").author("Frank Herbert");
        String key = "\"" + UUID.randomUUID() + "\"";

        ApiResponse<Book> first = books.createBookWithHttpInfo(dune, key, null);
        ApiResponse<Book> retry = books.createBookWithHttpInfo(dune, key, null);

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getData()).isEqualTo(first.getData());
        assertThat(retry.getHeaders().get("location")).isEqualTo(first.getHeaders().get("location"));
        assertThat(books.listBooks(null, null, null, null, null, null, null, null).getItems()).hasSize(1);
    }

    @Test
    void refusals_surface_as_api_exceptions_with_their_problem() throws ApiException {
        Book book = books.createBook(new NewBook().title("Dune").author("Frank Herbert"), null, null);

        ApiException duplicate = catchThrowableOfType(ApiException.class,
                () -> books.createBook(new NewBook().title("DUNE").author("frank herbert"), null, null));
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> books.updateBook(book.getId(), new BookPatch().category("SF"), "\"7\"", null));
        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> books.createBook(new NewBook().title("Dune Messiah").author("Frank Herbert")
                        .isbn("978-0-00-000000-1"), null, null));
        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> books.deleteBook(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"), null, null));

        assertThat(duplicate.getCode()).isEqualTo(409);
        assertThat(problem(duplicate).getType()).isEqualTo("urn:books:problem:duplicate-book");
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(problem(stale).getType()).isEqualTo("urn:books:problem:version-conflict");
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(problem(invalid).getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getField()).isEqualTo("isbn"));
        assertThat(unknown.getCode()).isEqualTo(404);
    }

    @Test
    void the_operational_and_documentation_routes_work_through_the_client_too() throws ApiException {
        assertThat(new OperationsApi(client).getLiveness(null).getStatus()).isEqualTo(Liveness.StatusEnum.UP);
        assertThat(new DocumentationApi(client).getOpenApiJson(null).getOpenapi()).isEqualTo("3.1.0");
    }

    private Problem problem(ApiException refusal) {
        try {
            return client.getObjectMapper().readValue(refusal.getResponseBody(), Problem.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a problem: " + refusal.getResponseBody(), e);
        }
    }
}
