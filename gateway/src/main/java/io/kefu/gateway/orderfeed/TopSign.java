package io.kefu.gateway.orderfeed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The TOP signature: {@code UPPER(hex(MD5(secret + concat(sorted(k + v)) + secret)))}. */
public final class TopSign {
    private TopSign() {
    }

    public static String sign(String secret, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                sb.append(k).append(v);
            }
        });
        sb.append(secret);
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
