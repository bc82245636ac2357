package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.books.adapter.http.operations.ApiDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OpenAPI document ({@link ApiDocs#DOCUMENT}, through its {@link OpenApi30Copy}) as the oracle of the HTTP tests: every exchange that goes through
 * {@link RunningApi} is checked here with swagger-request-validator. The response must be one the document
 * promises for the operation (status, headers, content type, body schema, no extra members where the schema
 * forbids them); the request must conform too, unless the test sends it out of contract on purpose, in which case
 * the document must refuse it (so that the marking itself stays honest).
 */
final class Contract {

    /** Keys of the request findings that say the document has no operation for the method and path. */
    private static final Set<String> UNROUTED = Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");

    private static final Contract DOCUMENT = new Contract();

    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final Schema<?> problem;

    private Contract() {
        String document = OpenApi30Copy.of(yaml(resource(ApiDocs.DOCUMENT))).toString();
        LevelResolver levels = LevelResolver.create()
                // The API ignores query parameters it does not know (docs/api.md): sending one is in contract.
                .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                // Where a schema says additionalProperties: false, an extra member is an error, not a warning.
                .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.ERROR)
                .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.ERROR)
                .build();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(levels)
                .build();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("the OpenAPI document parses cleanly").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        this.schemas = new SchemaValidator(api, new MessageResolver(levels));
        this.problem = api.getComponents().getSchemas().get("Problem");
    }

    static Contract document() {
        return DOCUMENT;
    }

    /**
     * Checks one exchange.
     *
     * @param requestInContract whether the test means the request to conform to the document
     */
    void check(HttpRequest request, HttpResponse<String> response, boolean requestInContract) {
        Request.Method method = Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
        String path = request.uri().getRawPath();
        String exchange = request.method() + " " + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())
                + " -> " + response.statusCode();

        byte[] body = body(request);
        ValidationReport requestReport = validator.validateRequest(toRequest(request, method, path, body));
        boolean unrouted = requestReport.getMessages().stream().anyMatch(m -> UNROUTED.contains(m.getKey()));
        List<String> requestFindings = new ArrayList<>(errors(requestReport));
        requestFindings.addAll(bodyEncodingFindings(request, body));
        if (unrouted) {
            checkUnroutedAnswer(response, exchange);
        } else {
            ValidationReport responseReport = validator.validateResponse(path, method, toResponse(response));
            assertThat(errors(responseReport))
                    .as("the response to %s breaks the OpenAPI document; body: %s", exchange, abbreviated(response.body()))
                    .isEmpty();
        }
        if (requestInContract) {
            assertThat(requestFindings)
                    .as("the request %s breaks the OpenAPI document (send it through outOfContract() if that is"
                            + " the point of the test)", exchange)
                    .isEmpty();
        } else {
            assertThat(requestFindings)
                    .as("the request %s was sent out of contract on purpose, but the OpenAPI document accepts it",
                            exchange)
                    .isNotEmpty();
        }
    }

    /**
     * A method and path the document does not name can only be answered with the problems every path may give
     * (see the document's description): 404 not-found, 405 method-not-allowed with Allow, or 400 bad-request.
     */
    private void checkUnroutedAnswer(HttpResponse<String> response, String exchange) {
        assertThat(response.statusCode()).as(exchange).isIn(400, 404, 405);
        assertThat(response.headers().firstValue("Content-Type")).as(exchange).contains("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).as(exchange).isPresent();
        if (response.statusCode() == 405) {
            assertThat(response.headers().firstValue("Allow")).as(exchange).isPresent();
        }
        ValidationReport report = schemas.validate(response.body(), problem, "response.body");
        assertThat(errors(report)).as("the problem answering %s breaks the Problem schema", exchange).isEmpty();
    }

    private static String abbreviated(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
    }

    /**
     * What the document says of request bodies in words, which the validator does not check: a body says its
     * media type, in UTF-8 if it names a charset, and is not compressed.
     */
    private static List<String> bodyEncodingFindings(HttpRequest request, byte[] body) {
        List<String> findings = new ArrayList<>();
        if (body.length == 0) {
            return findings;
        }
        String contentType = request.headers().firstValue("Content-Type").orElse(null);
        if (contentType == null) {
            findings.add("a request body without Content-Type");
        } else {
            String[] parts = contentType.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].split("=", 2);
                if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")
                        && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                    findings.add("a charset other than UTF-8: " + contentType);
                }
            }
        }
        String encoding = request.headers().firstValue("Content-Encoding").orElse("identity");
        if (!encoding.equalsIgnoreCase("identity")) {
            findings.add("a compressed request body: Content-Encoding " + encoding);
        }
        return findings;
    }

    private static SimpleRequest toRequest(HttpRequest request, Request.Method method, String path, byte[] body) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
        request.headers().map().forEach(builder::withHeader);
        queryParameters(request.uri()).forEach(builder::withQueryParam);
        if (body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static SimpleResponse toResponse(HttpResponse<String> response) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    /** The query parameters as the service reads them: UTF-8, {@code +} as a space, repeated ones kept. */
    private static Map<String, List<String>> queryParameters(URI uri) {
        String query = uri.getRawQuery();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    /** What the request's body publisher sends (the JDK's publishers can be read more than once). */
    private static byte[] body(HttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return new byte[0];
        }
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable failure) {
                read.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                read.complete(bytes.toByteArray());
            }
        });
        try {
            return read.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the request body back", e);
        }
    }

    static JsonNode yaml(byte[] yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Contract.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
