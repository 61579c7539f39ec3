package io.kefu.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The official test vectors, a byte-for-byte copy of {@code ../shared/protocols/vectors.json}
 * ({@code src/test/resources/io/kefu/gateway/connector/vectors.json}), read as they are.
 */
public final class OfficialVectors {
    private OfficialVectors() {
    }

    public static JsonNode get(String name) {
        try (InputStream in = OfficialVectors.class.getResourceAsStream("/io/kefu/gateway/connector/vectors.json")) {
            JsonNode v = new ObjectMapper().readTree(in).get(name);
            if (v == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
