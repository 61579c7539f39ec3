package io.kefu.gateway.connector.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.OfficialVectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WeComCallbackCryptoTest {
    final JsonNode a = OfficialVectors.get("wecom_callback_set_a");

    @Test
    void verifyUrlVectorSignatureAndEchostr() throws Exception {
        JsonNode v = a.get("verify_url");
        assertTrue(WeComCallbackCrypto.verify(a.get("token").asText(), v.get("timestamp").asText(), v.get("nonce").asText(),
                v.get("echostr").asText(), v.get("msg_signature").asText()));
        WeComCallbackCrypto crypto = new WeComCallbackCrypto(a.get("encoding_aes_key").asText(), a.get("receive_id").asText());
        assertEquals(v.get("expected_plaintext").asText(), crypto.decrypt(v.get("echostr").asText()));
    }

    @Test
    void decryptMsgVector() throws Exception {
        JsonNode v = a.get("decrypt_msg");
        assertEquals(v.get("msg_signature").asText(), WeComCallbackCrypto.signature(a.get("token").asText(),
                v.get("timestamp").asText(), v.get("nonce").asText(), v.get("encrypt").asText()));
        WeComCallbackCrypto crypto = new WeComCallbackCrypto(a.get("encoding_aes_key").asText(), a.get("receive_id").asText());
        String plain = crypto.decrypt(v.get("encrypt").asText());
        assertEquals(v.get("expected_plaintext").asText(), plain);
        assertEquals(v.get("expected_msg_len").asInt(), plain.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void deterministicEncryptVectors() throws Exception {
        JsonNode d = OfficialVectors.get("wechat_encrypt_deterministic");
        WeComCallbackCrypto crypto = new WeComCallbackCrypto(d.get("encoding_aes_key").asText(), d.get("receive_id").asText());
        byte[] random = d.get("random16").asText().getBytes(StandardCharsets.UTF_8);
        for (JsonNode c : d.get("cases")) {
            assertEquals(c.get("expected_encrypt").asText(), crypto.encrypt(c.get("msg").asText(), random));
            assertEquals(c.get("msg").asText(), crypto.decrypt(c.get("expected_encrypt").asText()));
        }
    }

    @Test
    void javaPkcs5PaddingRejectsTheRealPadding() throws Exception {
        // Why we pad ourselves: a 32-byte-block pad above 16 is invalid for PKCS5Padding.
        JsonNode v = a.get("decrypt_msg");
        byte[] key = WeComCallbackCrypto.aesKey(a.get("encoding_aes_key").asText());
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        byte[] raw = Base64.getDecoder().decode(v.get("encrypt").asText());
        byte[] plain = noPadding(key, raw);
        // 16 random + 4 length + 284 message + 18 receiveid = 322 bytes → 30 bytes of pad, impossible for 16-byte PKCS#5.
        assertEquals(30, plain[plain.length - 1]);
        assertThrows(javax.crypto.BadPaddingException.class, () -> c.doFinal(raw));
    }

    private static byte[] noPadding(byte[] key, byte[] raw) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return c.doFinal(raw);
    }

    @Test
    void roundTripsEveryPadLengthIncludingAFullBlock() throws Exception {
        WeComCallbackCrypto crypto = new WeComCallbackCrypto(a.get("encoding_aes_key").asText(), "corp");
        for (int n = 0; n < 70; n++) {
            String msg = "x".repeat(n);
            assertEquals(msg, crypto.decrypt(crypto.encrypt(msg)));
        }
    }

    @Test
    void refusesWrongReceiverWrongKeyAndGarbage() {
        JsonNode v = a.get("decrypt_msg");
        String enc = v.get("encrypt").asText();
        WeComCallbackCrypto otherCorp = new WeComCallbackCrypto(a.get("encoding_aes_key").asText(), "another-corp");
        assertThrows(WeComCallbackCrypto.CryptoException.class, () -> otherCorp.decrypt(enc));
        WeComCallbackCrypto otherKey = new WeComCallbackCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", a.get("receive_id").asText());
        assertThrows(WeComCallbackCrypto.CryptoException.class, () -> otherKey.decrypt(enc));
        WeComCallbackCrypto ok = new WeComCallbackCrypto(a.get("encoding_aes_key").asText(), a.get("receive_id").asText());
        assertThrows(WeComCallbackCrypto.CryptoException.class, () -> ok.decrypt("not base64 !!"));
        assertThrows(WeComCallbackCrypto.CryptoException.class, () -> ok.decrypt("AAAA"));
        assertThrows(IllegalArgumentException.class, () -> new WeComCallbackCrypto("short", "x"));
        assertFalse(WeComCallbackCrypto.verify(a.get("token").asText(), v.get("timestamp").asText(), v.get("nonce").asText(), enc,
                "0000000000000000000000000000000000000000"));
    }
}
