package io.kefu.gateway.connector.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.OfficialVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeishuEventCryptoTest {
    final JsonNode v = OfficialVectors.get("feishu_webhook_decrypt");

    @Test
    void officialVector() throws Exception {
        FeishuEventCrypto c = new FeishuEventCrypto(v.get("encrypt_key").asText());
        assertEquals(v.get("expected_plaintext").asText(), c.decrypt(v.get("encrypt").asText()));
    }

    @Test
    void wrongKeyOrJunkIsRefused() {
        FeishuEventCrypto other = new FeishuEventCrypto("another key");
        assertThrows(FeishuEventCrypto.CryptoException.class, () -> {
            String s = other.decrypt(v.get("encrypt").asText());
            // A wrong key can, rarely, still unpad; it never yields the plaintext.
            if (!s.equals(v.get("expected_plaintext").asText())) {
                throw new FeishuEventCrypto.CryptoException("garbage");
            }
        });
        assertThrows(FeishuEventCrypto.CryptoException.class, () -> other.decrypt("***"));
        assertThrows(FeishuEventCrypto.CryptoException.class, () -> other.decrypt("AAAA"));
    }

    @Test
    void encryptRoundTrips() throws Exception {
        FeishuEventCrypto c = new FeishuEventCrypto("k");
        String e = c.encrypt("{\"type\":\"url_verification\",\"challenge\":\"挑战\"}", "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"type\":\"url_verification\",\"challenge\":\"挑战\"}", c.decrypt(e));
    }

    @Test
    void signatureAndReplayWindow() {
        FeishuEventCrypto c = new FeishuEventCrypto("test key");
        byte[] body = "{\"encrypt\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String sig = FeishuEventCrypto.sign("1700000000", "n1", "test key", body);
        assertEquals(64, sig.length());
        assertNull(c.problem("1700000000", "n1", sig, body, 1_700_000_300L));
        assertTrue(c.problem("1700000000", "n1", sig, body, 1_700_000_301L).startsWith("stale"));
        assertEquals("bad signature", c.problem("1700000000", "n2", sig, body, 1_700_000_000L));
        assertEquals("bad signature", c.problem("1700000000", "n1", sig, "{}".getBytes(StandardCharsets.UTF_8), 1_700_000_000L));
        assertTrue(c.problem(null, "n1", sig, body, 0).startsWith("missing"));
    }
}
