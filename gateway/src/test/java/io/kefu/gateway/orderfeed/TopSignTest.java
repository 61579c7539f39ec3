package io.kefu.gateway.orderfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.OfficialVectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TOP sign against the official vector, verbatim. */
class TopSignTest {
    @Test
    void taobaoTopSignMd5Vector() {
        JsonNode v = OfficialVectors.get("taobao_top_sign_md5");
        Map<String, String> params = new LinkedHashMap<>();
        v.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        assertEquals(v.get("expected_sign").asText(), TopSign.sign(v.get("secret").asText(), params));
    }
}
