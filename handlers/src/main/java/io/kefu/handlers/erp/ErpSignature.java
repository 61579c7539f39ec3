package io.kefu.handlers.erp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ERP's request/response signature: HMAC-SHA256 (hex) over
 * {@code appKey \n timestamp \n METHOD \n pathAndQuery \n body} for requests and
 * {@code timestamp \n body} for responses. One definition, used by the client and by the
 * simulator, so the two can never drift apart.
 */
public final class ErpSignature {
    public static final String APP_KEY = "X-Erp-App-Key";
    public static final String TIMESTAMP = "X-Erp-Timestamp";
    public static final String SIGN = "X-Erp-Sign";
    public static final String IDEMPOTENCY_KEY = "X-Erp-Idempotency-Key";
    /** A request whose timestamp is further from the receiver's clock than this is refused (replays). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(10);

    private ErpSignature() {
    }

    public static String request(String secret, String appKey, long timestamp, String method, String pathAndQuery, String body) {
        return hmac(secret, appKey + "\n" + timestamp + "\n" + method + "\n" + pathAndQuery + "\n" + body);
    }

    public static String response(String secret, long timestamp, String body) {
        return hmac(secret, timestamp + "\n" + body);
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean fresh(long timestamp, long now) {
        return Math.abs(now - timestamp) <= MAX_SKEW.toMillis();
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
