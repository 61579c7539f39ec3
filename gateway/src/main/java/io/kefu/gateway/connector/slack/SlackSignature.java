package io.kefu.gateway.connector.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack request signing, version 0: {@code v0=hex(HMAC_SHA256(signing_secret, "v0:" + timestamp + ":" + body))}
 * over the raw body bytes, with {@code X-Slack-Request-Timestamp} no more than 5 minutes from now
 * in either direction (a captured request cannot be replayed later).
 */
public final class SlackSignature {
    public static final long MAX_SKEW_SECONDS = 5 * 60;

    private SlackSignature() {
    }

    public static String sign(String signingSecret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why a request is refused, or null when it is authentic and fresh. */
    public static String problem(String signingSecret, String timestamp, String signature, byte[] body, long nowEpochSeconds) {
        if (timestamp == null || signature == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-Slack-Request-Timestamp is not a number";
        }
        if (Math.abs(nowEpochSeconds - ts) > MAX_SKEW_SECONDS) {
            return "stale request: timestamp more than 5 minutes from now";
        }
        byte[] expected = sign(signingSecret, timestamp.trim(), body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return "bad signature";
        }
        return null;
    }
}
