package io.kefu.gateway.connector.douyin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** vectors.json has no Douyin entry; the docs' own verify_webhook body, checked against an independent SHA-1. */
class DouyinSignatureTest {
    static final String BODY = "{\"event\":\"verify_webhook\",\"client_key\":\"abc\",\"content\":{\"challenge\":12345}}";

    @Test
    void isSha1OfSecretThenBody() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(("secret" + BODY).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, DouyinSignature.sign("secret", body));
        assertEquals(40, expected.length());
        assertTrue(DouyinSignature.valid("secret", body, expected));
        assertTrue(DouyinSignature.valid("secret", body, expected.toUpperCase()));
    }

    @Test
    void refusesTamperingWrongSecretAndMissingHeader() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String sig = DouyinSignature.sign("secret", body);
        assertFalse(DouyinSignature.valid("secret", (BODY + " ").getBytes(StandardCharsets.UTF_8), sig));
        assertFalse(DouyinSignature.valid("other", body, sig));
        assertFalse(DouyinSignature.valid("secret", body, null));
        assertFalse(DouyinSignature.valid("secret", body, ""));
    }

    @Test
    void conversationIdsCarryTheReplyTarget() {
        String id = DouyinConversations.id("dy", "acct-1", "conv.9", "buyer_2");
        assertEquals(new DouyinConversations.Target("acct-1", "conv.9", "buyer_2"), DouyinConversations.target(id));
        assertEquals(null, DouyinConversations.target("feishu:x:y:z"));
    }
}
