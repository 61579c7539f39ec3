package io.kefu.handlers.plugin.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code timestamp + "." + body} with the plugin's secret, sent as
 * {@code X-Kefu-Signature: sha256=<hex>}. The answer is signed the same way with the request's
 * timestamp, so an answer cannot be replayed for another request.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Kefu-Signature";
    public static final String TIMESTAMP_HEADER = "X-Kefu-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a received signature header. */
    public static boolean verify(String secret, String timestamp, byte[] body, String received) {
        if (received == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                received.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
