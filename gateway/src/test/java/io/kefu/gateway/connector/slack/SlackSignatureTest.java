package io.kefu.gateway.connector.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.OfficialVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {
    final JsonNode v = OfficialVectors.get("slack_signing_v0");
    final String secret = v.get("signing_secret").asText();
    final String ts = v.get("timestamp").asText();
    final byte[] body = v.get("body").asText().getBytes(StandardCharsets.UTF_8);
    final long at = Long.parseLong(ts);

    @Test
    void officialVector() {
        assertEquals(v.get("expected_signature").asText(), SlackSignature.sign(secret, ts, body));
        assertNull(SlackSignature.problem(secret, ts, v.get("expected_signature").asText(), body, at));
    }

    @Test
    void replayWindowIsFiveMinutesEitherWay() {
        String sig = v.get("expected_signature").asText();
        assertNull(SlackSignature.problem(secret, ts, sig, body, at + 300));
        assertNull(SlackSignature.problem(secret, ts, sig, body, at - 300));
        assertTrue(SlackSignature.problem(secret, ts, sig, body, at + 301).startsWith("stale"));
        assertTrue(SlackSignature.problem(secret, ts, sig, body, at - 301).startsWith("stale"));
    }

    @Test
    void refusesTamperingAndMissingHeaders() {
        String sig = v.get("expected_signature").asText();
        byte[] tampered = (v.get("body").asText() + "x").getBytes(StandardCharsets.UTF_8);
        assertEquals("bad signature", SlackSignature.problem(secret, ts, sig, tampered, at));
        assertEquals("bad signature", SlackSignature.problem("other", ts, sig, body, at));
        assertTrue(SlackSignature.problem(secret, null, sig, body, at).startsWith("missing"));
        assertTrue(SlackSignature.problem(secret, ts, null, body, at).startsWith("missing"));
        assertTrue(SlackSignature.problem(secret, "yesterday", sig, body, at).contains("not a number"));
    }
}
