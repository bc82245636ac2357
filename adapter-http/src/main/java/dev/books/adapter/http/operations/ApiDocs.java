package dev.books.adapter.http.operations;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API's published contract: the hand-written OpenAPI document as YAML and as JSON, and Swagger UI over it,
 * whose assets come from the swagger-ui webjar on the class path (no CDN, so /docs works offline).
 */
public final class ApiDocs {

    /** Where the document lives on the class path; the contract tests read the same resource. */
    public static final String DOCUMENT = "/openapi/books.yaml";
    static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** The files of the webjar that {@link #page} loads: nothing else of it is served. */
    private static final List<String> PAGE_ASSETS = List.of(
            "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png");

    private final byte[] yaml;
    private final byte[] json;
    private final byte[] page;
    private final String contentSecurityPolicy;
    private final Set<String> assetPaths;

    private ApiDocs(byte[] yaml, byte[] json, String swaggerUiVersion) {
        this.yaml = yaml;
        this.json = json;
        String assets = assetsPath(swaggerUiVersion);
        String html = swaggerUiPage(assets);
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = contentSecurityPolicy(html);
        this.assetPaths = PAGE_ASSETS.stream().map(assets::concat).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Reads the document and converts it to JSON once, so that a broken document fails the start, not a request.
     *
     * @throws IllegalStateException when the document or the Swagger UI webjar is missing from the class path
     */
    static ApiDocs load() {
        byte[] yaml = resource(DOCUMENT);
        byte[] json;
        try {
            json = JsonMapper.builder().build().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new IllegalStateException("The OpenAPI document " + DOCUMENT + " is not valid YAML", e);
        }
        return new ApiDocs(yaml, json, swaggerUiVersion());
    }

    /**
     * The request paths of the static files /docs loads. The webjar holds more (Swagger UI's stock index.html, whose
     * initializer fetches the petstore example from the internet): those must stay unreachable.
     */
    Set<String> assetPaths() {
        return assetPaths;
    }

    private static String assetsPath(String swaggerUiVersion) {
        return "/webjars/swagger-ui/" + swaggerUiVersion + "/"; // where Javalin serves webjars from
    }

    /** {@code GET /openapi.json}. */
    void json(Context ctx) {
        ctx.contentType("application/json").result(json);
    }

    /** {@code GET /openapi.yaml}, as written. */
    void yaml(Context ctx) {
        ctx.contentType("application/yaml").result(yaml);
    }

    /** {@code GET /docs}: Swagger UI, loading only this service's own assets. */
    void page(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy)
                .header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8").result(page);
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar (org.webjars:swagger-ui) is not on the class path;"
                        + " /docs needs it");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /**
     * The page Swagger UI's own index.html would be, pointed at our document. Paths are absolute so that
     * {@code /docs/} (Javalin ignores the trailing slash) loads the same assets; {@code validatorUrl: null} stops
     * Swagger UI from sending the document to its public validator.
     */
    private static String swaggerUiPage(String assets) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Books API</title>
                  <link rel="icon" type="image/png" href="%1$sfavicon-32x32.png">
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script src="%1$sswagger-ui-standalone-preset.js"></script>
                  <script>
                    window.onload = function () {
                      window.ui = SwaggerUIBundle({
                        url: "/openapi.json",
                        dom_id: "#swagger-ui",
                        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                        layout: "StandaloneLayout",
                        validatorUrl: null
                      });
                    };
                  </script>
                </body>
                </html>
                """.formatted(assets);
    }

    /**
     * What the page may load: its own scripts (the one inline script by its hash), styles and images from this
     * service only, requests to this service only, and it may not be framed (no clickjacking of "Authorize").
     */
    private static String contentSecurityPolicy(String html) {
        int start = html.lastIndexOf("<script>") + "<script>".length();
        String inline = html.substring(start, html.indexOf("</script>", start));
        String hash;
        try {
            hash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return "default-src 'none'; script-src 'self' 'sha256-" + hash + "'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                + "form-action 'self'";
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
