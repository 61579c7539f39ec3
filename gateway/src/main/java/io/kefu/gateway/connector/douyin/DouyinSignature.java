package io.kefu.gateway.connector.douyin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Douyin webhook signing (PLATFORMS.md §4): {@code X-Douyin-Signature = hex(SHA1(client_secret + raw_body))}
 * over the exact bytes received. It covers no timestamp, so replay protection comes from the
 * event's own time (see {@link DouyinWebhook}).
 */
public final class DouyinSignature {
    private DouyinSignature() {
    }

    public static String sign(String clientSecret, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(clientSecret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check; hex case is not significant. */
    public static boolean valid(String clientSecret, byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(clientSecret, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
