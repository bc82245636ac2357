package dev.books.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAPI 3.0 copy of our 3.1 document, for swagger-request-validator 2.x: it reads 3.1 documents but hands
 * its JSON Schema engine the schemas as OpenAPI 3.0 models, in which 3.1's {@code type} (an array such as
 * {@code [string, "null"]}) does not exist, so every type check would silently vanish. The copy says the same
 * thing in 3.0's words: {@code type: [X, "null"]} becomes {@code type: X, nullable: true}, a schema's
 * {@code examples} array its {@code example}, and the 3.1-only info fields go. Any other 3.1-only keyword fails
 * the copy, so the contract tests never check less than the document says.
 */
final class OpenApi30Copy {

    /** JSON Schema keywords 3.1 added that this copy cannot say in 3.0. */
    private static final Set<String> UNTRANSLATABLE = Set.of("const", "prefixItems", "unevaluatedProperties",
            "unevaluatedItems", "$defs", "dependentRequired", "dependentSchemas", "if", "then", "else",
            "contentSchema", "patternProperties", "propertyNames", "contains");

    private OpenApi30Copy() {
    }

    static ObjectNode of(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        if (!copy.path("openapi").asText().startsWith("3.1.")) {
            throw new IllegalArgumentException("not an OpenAPI 3.1 document: " + copy.path("openapi"));
        }
        copy.put("openapi", "3.0.3");
        ObjectNode info = (ObjectNode) copy.path("info");
        info.remove("summary");
        if (info.path("license") instanceof ObjectNode license) {
            license.remove("identifier");
        }
        translate(copy, "");
        return copy;
    }

    private static void translate(JsonNode node, String where) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type != null && (type.isTextual() || type.isArray())) {
                translateSchema(object, where);
            }
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
            for (Map.Entry<String, JsonNode> member : members) {
                // Examples are data, not schemas: a problem example's "type" is a URN, not a JSON type.
                boolean data = member.getKey().equals("example")
                        || (member.getKey().equals("examples") && member.getValue().isObject());
                if (!data) {
                    translate(member.getValue(), where + "/" + member.getKey());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                translate(array.get(i), where + "/" + i);
            }
        }
    }

    private static void translateSchema(ObjectNode schema, String where) {
        for (String keyword : UNTRANSLATABLE) {
            if (schema.has(keyword)) {
                throw new IllegalStateException("OpenApi30Copy cannot translate '" + keyword + "' at " + where);
            }
        }
        JsonNode type = schema.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            boolean nullable = named.remove("null");
            if (named.size() != 1) {
                throw new IllegalStateException("OpenApi30Copy cannot translate type " + types + " at " + where);
            }
            schema.set("type", new TextNode(named.get(0)));
            if (nullable) {
                schema.put("nullable", true);
            }
        }
        if (schema.get("examples") instanceof ArrayNode examples) {
            schema.remove("examples");
            if (!examples.isEmpty()) {
                schema.set("example", examples.get(0));
            }
        }
    }
}
