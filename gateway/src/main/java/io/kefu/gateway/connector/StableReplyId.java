package io.kefu.gateway.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id a send API gets for a reply (Feishu {@code uuid}, 微信客服 {@code msgid}, Douyin
 * {@code msg_id}): derived from kefu's reply id, so every resend of one reply carries the same id
 * and the platform can drop the repeat. 32 hex characters fit all their limits (≤ 32 of
 * [0-9a-zA-Z_-] for 微信客服, ≤ 50 for Feishu).
 */
public final class StableReplyId {
    private StableReplyId() {}

    public static String of(String replyId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(replyId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
