package io.kefu.gateway.connector.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeCom / WeChat callback crypto (PLATFORMS.md §1, the WXBizMsgCrypt scheme):
 * {@code msg_signature = hex(SHA1(sorted(token, timestamp, nonce, encrypt) joined))};
 * {@code AESKey = Base64(EncodingAESKey + "=")} (32 bytes), AES-256-CBC with {@code IV = AESKey[0:16]}
 * over {@code random(16) || len(msg) as 4 bytes big-endian || msg || receiveid}, padded PKCS#7 to a
 * <b>32-byte</b> block. Java's PKCS5Padding assumes 16-byte blocks and rejects pads of 17..32, so
 * the cipher runs with NoPadding and the padding is done here.
 */
public final class WeComCallbackCrypto {
    static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String receiveId;

    /** Bad ciphertext, padding, length or receiver: the callback is refused and nothing is stored. */
    public static final class CryptoException extends Exception {
        private final boolean wrongReceiver;

        public CryptoException(String message) {
            this(message, false);
        }

        CryptoException(String message, boolean wrongReceiver) {
            super(message);
            this.wrongReceiver = wrongReceiver;
        }

        /** Decrypted fine but meant for another corp: wrong-channel input, not garbage. */
        public boolean wrongReceiver() {
            return wrongReceiver;
        }
    }

    /**
     * @param encodingAesKey the 43-character EncodingAESKey from the admin console
     * @param receiveId      the corp id (self-built apps, 微信客服) the plaintext must end with
     */
    public WeComCallbackCrypto(String encodingAesKey, String receiveId) {
        this.key = aesKey(encodingAesKey);
        this.receiveId = receiveId;
    }

    /** The 32-byte AES key; IllegalArgumentException when the EncodingAESKey is not 43 base64 characters. */
    public static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
        }
        byte[] k = Base64.getDecoder().decode(encodingAesKey + "=");
        if (k.length != 32) {
            throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
        }
        return k;
    }

    public static String signature(String token, String timestamp, String nonce, String encrypt) {
        String[] parts = {token, timestamp, nonce, encrypt};
        Arrays.sort(parts);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Constant-time check of a received {@code msg_signature}. */
    public static boolean verify(String token, String timestamp, String nonce, String encrypt, String msgSignature) {
        if (timestamp == null || nonce == null || encrypt == null || msgSignature == null) {
            return false;
        }
        byte[] expected = signature(token, timestamp, nonce, encrypt).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, msgSignature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    public String encrypt(String msg) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(msg, random);
    }

    /** Deterministic for a given {@code random16} (tests and the official vectors). */
    public String encrypt(String msg, byte[] random16) {
        byte[] m = msg.getBytes(StandardCharsets.UTF_8);
        byte[] r = receiveId.getBytes(StandardCharsets.UTF_8);
        int len = 16 + 4 + m.length + r.length;
        int pad = BLOCK - len % BLOCK; // 1..32: a full block of 32 when already aligned
        ByteBuffer plain = ByteBuffer.allocate(len + pad);
        plain.put(random16, 0, 16).putInt(m.length).put(m).put(r);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, plain.array()));
    }

    /** The message inside {@code encrypt}, after checking padding, length and that it was meant for us. */
    public String decrypt(String encrypt) throws CryptoException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encrypt.trim());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("Encrypt is not base64");
        }
        if (raw.length == 0 || raw.length % 16 != 0) {
            throw new CryptoException("ciphertext is not a whole number of AES blocks");
        }
        byte[] plain = cipher(Cipher.DECRYPT_MODE, raw);
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new CryptoException("bad padding (wrong key?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new CryptoException("bad padding (wrong key?)");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CryptoException("plaintext too short");
        }
        int msgLen = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (msgLen < 0 || 20 + msgLen > end) {
            throw new CryptoException("message length out of range");
        }
        String from = new String(plain, 20 + msgLen, end - 20 - msgLen, StandardCharsets.UTF_8);
        if (!from.equals(receiveId)) {
            throw new CryptoException("message is for another receiver, not this channel's corp", true);
        }
        return new String(plain, 20, msgLen, StandardCharsets.UTF_8);
    }

    private byte[] cipher(int mode, byte[] in) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return c.doFinal(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC unavailable", e);
        }
    }
}
