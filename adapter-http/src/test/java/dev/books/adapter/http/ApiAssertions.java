package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and checking the API's JSON answers in tests. */
final class ApiAssertions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiAssertions() {
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** Checks the response is the RFC 9457 problem {@code code} with {@code status}, and returns its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).isEqualTo("urn:books:problem:" + code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isEqualTo(requestId);
        return body;
    }

    /** The problem's errors as field -> message, in the order given. */
    static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode error : problem.path("errors")) {
            errors.put(error.path("field").asText(), error.path("message").asText());
        }
        return errors;
    }

    static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }
}
