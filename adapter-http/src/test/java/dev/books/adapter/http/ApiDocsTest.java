package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.adapter.http.operations.ApiDocs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract is published: the document as YAML and JSON, and Swagger UI that needs nothing but this service. */
class ApiDocsTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void the_yaml_is_the_document_as_written() {
        HttpResponse<String> response = api.get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo(
                new String(Contract.resource(ApiDocs.DOCUMENT), StandardCharsets.UTF_8));
    }

    @Test
    void the_json_is_the_same_document() {
        HttpResponse<String> response = api.get("/openapi.json", "X-Request-Id", "docs-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Request-Id")).contains("docs-1");
        assertThat(json(response)).isEqualTo(Contract.yaml(Contract.resource(ApiDocs.DOCUMENT)));
        assertThat(json(response).path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void the_docs_page_loads_swagger_ui_from_this_service_only() {
        HttpResponse<String> page = api.get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("X-Request-Id")).isPresent();
        // Nothing from elsewhere: no absolute URL at all, and Swagger UI's public validator switched off.
        assertThat(page.body()).doesNotContain("http:", "https:", "//cdn", "unpkg", "jsdelivr");
        assertThat(page.body()).contains("url: \"/openapi.json\"", "validatorUrl: null");

        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(page.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).hasSize(4).allSatisfy(asset -> assertThat(asset).startsWith("/webjars/swagger-ui/"));
        for (String asset : assets) {
            HttpResponse<byte[]> response = api.asset(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
            assertThat(response.headers().firstValue("X-Request-Id")).as(asset).isPresent();
        }
    }

    @Test
    void a_missing_asset_is_a_404_problem() {
        assertThat(api.asset("/webjars/swagger-ui/0.0.0/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void the_docs_page_ignores_a_trailing_slash() {
        assertThat(api.get("/docs/").statusCode()).isEqualTo(200);
    }
}
