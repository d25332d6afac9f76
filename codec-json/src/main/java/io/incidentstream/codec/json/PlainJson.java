package io.incidentstream.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Free-form JSON (timeline metadata) as plain Java values, so the domain needs no JSON library. */
final class PlainJson {

    private PlainJson() {}

    /**
     * {@code at} is the dotted path of {@code node}, for errors. A number beyond the range of a double
     * (1e400) is refused: kept, it would be Infinity, written back as the bare word, which is not JSON.
     */
    static Object toPlain(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties()
                    .forEach(entry -> map.put(entry.getKey(), toPlain(entry.getValue(), at + "." + entry.getKey())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(toPlain(node.get(i), at + "[" + i + "]"));
            }
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw new InvalidJsonException(at, at + " must be a finite number (within the range of a double)");
            }
            return node.numberValue();
        }
        return node.asText();
    }

    static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Number number) {
            out.writeNumber(number.toString());
        } else {
            out.writeString(value.toString());
        }
    }
}
