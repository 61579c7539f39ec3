package io.kefu.sandbox.sim.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's side of the callback crypto, written separately from kefu's so that the
 * simulator checks kefu rather than agreeing with it by construction (PLATFORMS.md §1).
 */
final class WeComSimCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;
    private final byte[] receiveId;

    WeComSimCrypto(String encodingAesKey, String receiveId) {
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.receiveId = receiveId.getBytes(StandardCharsets.UTF_8);
    }

    String encrypt(String msg) {
        try {
            byte[] m = msg.getBytes(StandardCharsets.UTF_8);
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            int n = 20 + m.length + receiveId.length;
            int pad = 32 - n % 32;
            byte[] plain = ByteBuffer.allocate(n + pad).put(random).putInt(m.length).put(m).put(receiveId).array();
            Arrays.fill(plain, n, n + pad, (byte) pad);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String token, String timestamp, String nonce, String encrypt) {
        try {
            String[] a = {token, timestamp, nonce, encrypt};
            Arrays.sort(a);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", a).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
