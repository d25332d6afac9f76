package io.incidentstream.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one free-form writer: every kind of plain value, numbers written exactly as they are. */
class JsonWriteValueTest {

    private static String written(Object value) {
        return new String(Json.write(out -> Json.writeValue(out, value)), StandardCharsets.UTF_8);
    }

    @Test
    void aCharacterBeyondTheBmp_isWrittenAsItsUtf8Bytes_aLoneSurrogateEscaped() {
        byte[] emoji = Json.write(out -> Json.writeValue(out, "a\uD83D\uDE00"));
        assertThat(emoji).containsExactly('"', 'a', 0xf0, 0x9f, 0x98, 0x80, '"');
        assertThat(written("x\uD800")).isEqualTo("\"x\\uD800\"");
    }

    @Test
    void numbers_keepTheirExactValue() {
        assertThat(written(List.of(
                        7,
                        9_007_199_254_740_993L,
                        2.5,
                        new BigDecimal("0.10000000000000000001"),
                        new BigInteger("123456789012345678901234567890"))))
                .isEqualTo("[7,9007199254740993,2.5,0.10000000000000000001,123456789012345678901234567890]");
    }

    @Test
    void objectsListsBooleansNullsAndText_nestAsGiven() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("field", "[2].incident.severity");
        value.put("ok", true);
        value.put("none", null);
        value.put("list", Arrays.asList(1, null, "x"));
        value.put("nested", Map.of("a", false));

        assertThat(written(value))
                .isEqualTo("{\"field\":\"[2].incident.severity\",\"ok\":true,\"none\":null,"
                        + "\"list\":[1,null,\"x\"],\"nested\":{\"a\":false}}");
    }

    @Test
    void null_isJsonNull() {
        assertThat(written(null)).isEqualTo("null");
    }
}
