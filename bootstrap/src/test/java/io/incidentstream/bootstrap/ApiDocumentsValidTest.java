package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/openapi.json and docs/asyncapi.json pass the OpenAPI and AsyncAPI projects' own validators
 * ({@code scripts/api-docs/validate.mjs}: Redocly's OpenAPI linter and the AsyncAPI parser). Needs
 * Node.js (or {@code NODE_BINARY}) and {@code npm ci} in scripts/api-docs, which the build runs;
 * without them the test fails and says so.
 */
class ApiDocumentsValidTest {

    @Test
    @Timeout(180)
    void bothDocumentsPassTheirSpecificationsValidators() throws Exception {
        Path docs = ApiSchemas.docs();
        Path tool = docs.getParent().resolve("scripts").resolve("api-docs");
        if (!Files.isDirectory(tool.resolve("node_modules").resolve("@asyncapi").resolve("parser"))) {
            fail("%s has no node_modules: run npm ci there (the Maven build does it before the tests)", tool);
        }
        String node = System.getenv().getOrDefault("NODE_BINARY", "node");
        Process process;
        try {
            process = new ProcessBuilder(
                            node,
                            "validate.mjs",
                            docs.resolve("openapi.json").toString(),
                            docs.resolve("asyncapi.json").toString())
                    .directory(tool.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "Node.js could not be run ('" + node + "'): the API documents' validators need"
                            + " Node.js 20.19 or later on the PATH, or NODE_BINARY",
                    e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("validate.mjs finished")
                .isTrue();
        assertThat(process.exitValue())
                .withFailMessage("the API documents are not valid:%n%s", output)
                .isZero();
        assertThat(output).contains("openapi: ", "asyncapi: ", "API documents: valid");
    }
}
