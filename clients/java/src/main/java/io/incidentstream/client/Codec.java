package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The JSON spelling of the protocol: snake_case fields, RFC 3339 timestamps, enum spellings as
 * annotated. Fields this client does not know are ignored (the server adds (ext) fields over time),
 * and null fields are left out when publishing, so that the server fills in its defaults.
 */
final class Codec {

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule("rfc3339")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                        @Override
                        protected Instant _deserialize(
                                String value, com.fasterxml.jackson.databind.DeserializationContext ctx) {
                            // Any offset is accepted on input, as by the server.
                            return OffsetDateTime.parse(value).toInstant();
                        }
                    }))
            .build();

    /** A message, or one of its fields, as the given type; null where it is missing or null. */
    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return node == null || node.isNull() || node.isMissingNode() ? null : JSON.treeToValue(node, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from " + node, e);
        }
    }

    private Codec() {}
}
