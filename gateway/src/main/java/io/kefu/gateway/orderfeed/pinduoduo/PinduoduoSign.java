package io.kefu.gateway.orderfeed.pinduoduo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signed push URL (PLATFORMS.md §6): {@code {base}/message/{client_id}/{timestamp_ms}/{sign}},
 * {@code sign = Base64(hex(MD5(client_id + timestamp + client_secret)))}. The page does not say
 * the hex case; we use lowercase, the common rendering of an MD5 digest in the platform's SDKs.
 * The sign goes into the path as is: Base64 of hex digits only ever yields letters, digits and
 * '=' padding (never '+' or '/'), all legal in a path segment, so there is nothing to escape and
 * no risk of a server that does not decode escapes seeing a different sign.
 */
public final class PinduoduoSign {
    private PinduoduoSign() {
    }

    public static String sign(String clientId, long timestampMs, String clientSecret) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest((clientId + timestampMs + clientSecret).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL of one connection attempt, signed for {@code timestampMs} (sign afresh on every reconnect). */
    public static URI url(URI base, String clientId, long timestampMs, String clientSecret) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + "/message/" + segment(clientId) + "/" + timestampMs + "/"
                + sign(clientId, timestampMs, clientSecret));
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
