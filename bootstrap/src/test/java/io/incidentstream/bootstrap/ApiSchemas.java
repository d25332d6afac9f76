package io.incidentstream.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of one API document (docs/openapi.json or docs/asyncapi.json), to check real
 * answers and messages against, with com.networknt's JSON Schema validator (draft 2020-12, formats
 * asserted: a {@code uuid} or {@code date-time} that is not one fails).
 *
 * <p>Checks are stricter than the documents: every object schema that lists its properties is
 * closed ({@code additionalProperties: false}) here, so a field the server sends but the document
 * does not describe fails the test. The documents themselves stay open, because clients must ignore
 * fields added later.
 */
final class ApiSchemas {

    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonNode strict;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ApiSchemas(JsonNode document) {
        this.document = document;
        this.strict = document.deepCopy();
        close(strict);
    }

    static ApiSchemas load(Path file) {
        try {
            return new ApiSchemas(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** The problems of {@code value} against the schema at {@code pointer} (e.g. {@code /components/schemas/Incident}). */
    List<String> problems(String pointer, JsonNode value) {
        Schema schema = schemas.computeIfAbsent(pointer, p -> {
            if (strict.at(p).isMissingNode()) {
                throw new IllegalArgumentException("the document has no schema at " + p);
            }
            // The document's components and paths are the root, so that its "#/components/..." references
            // resolve; nothing else of it (AsyncAPI's top-level "id" would read as a schema keyword).
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#" + p);
            root.set("components", strict.get("components"));
            if (strict.has("paths")) {
                root.set("paths", strict.get("paths"));
            }
            return registry.getSchema(root);
        });
        return schema.validate(value).stream().map(Error::toString).toList();
    }

    /** Problems of {@code value} against the component schema {@code name}. */
    List<String> problemsAgainst(String name, JsonNode value) {
        return problems("/components/schemas/" + name, value);
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties")
                    && object.get("properties").isObject()
                    && !object.has("additionalProperties")
                    && "object".equals(object.path("type").asText())) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                close(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ApiSchemas::close);
        }
    }

    /** docs/, found from the working directory (the module when run by Maven, or the repository root). */
    static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs").resolve("openapi.json"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/openapi.json not found above " + Path.of("").toAbsolutePath());
    }
}
