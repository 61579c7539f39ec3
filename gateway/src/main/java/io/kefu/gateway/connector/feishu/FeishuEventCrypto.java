package io.kefu.gateway.connector.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu's HTTP event subscription crypto (PLATFORMS.md §2, webhook mode; not used on the long
 * connection): the body is {@code {"encrypt":"…"}}, decrypted with key = SHA256(encrypt_key),
 * IV = the first 16 bytes of the base64-decoded ciphertext, AES-256-CBC, PKCS#7. Requests are
 * signed with {@code X-Lark-Signature = hex(SHA256(timestamp + nonce + encrypt_key + raw_body))}.
 */
public final class FeishuEventCrypto {
    public static final long MAX_SKEW_SECONDS = 5 * 60;

    private final byte[] key;
    private final String encryptKey;

    public FeishuEventCrypto(String encryptKey) {
        this.encryptKey = encryptKey;
        this.key = sha256(encryptKey.getBytes(StandardCharsets.UTF_8));
    }

    public static final class CryptoException extends Exception {
        CryptoException(String message) {
            super(message);
        }
    }

    public String decrypt(String encrypt) throws CryptoException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encrypt.trim());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("encrypt is not base64");
        }
        if (raw.length < 32 || raw.length % 16 != 0) {
            throw new CryptoException("ciphertext of " + raw.length + " bytes");
        }
        try {
            // The JDK's "PKCS5Padding" on a 16-byte block cipher is PKCS#7.
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(raw, 0, 16)));
            return new String(c.doFinal(raw, 16, raw.length - 16), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("does not decrypt with this encrypt_key");
        }
    }

    /** Encrypts as the platform does (random IV); for tests and the simulator's mirror of it. */
    public String encrypt(String plaintext, byte[] iv16) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv16));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[16 + ct.length];
            System.arraycopy(iv16, 0, out, 0, 16);
            System.arraycopy(ct, 0, out, 16, ct.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String timestamp, String nonce, String encryptKey, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a signed request is refused, or null when authentic and fresh. */
    public String problem(String timestamp, String nonce, String signature, byte[] body, long nowEpochSeconds) {
        if (timestamp == null || nonce == null || signature == null) {
            return "missing X-Lark-Request-Timestamp, X-Lark-Request-Nonce or X-Lark-Signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-Lark-Request-Timestamp is not a number";
        }
        // Feishu documents no replay window; 5 minutes either way, as for Slack, since the signature covers the timestamp.
        if (Math.abs(nowEpochSeconds - ts) > MAX_SKEW_SECONDS) {
            return "stale request: timestamp more than 5 minutes from now";
        }
        byte[] expected = sign(timestamp, nonce, encryptKey, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            return "bad signature";
        }
        return null;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
