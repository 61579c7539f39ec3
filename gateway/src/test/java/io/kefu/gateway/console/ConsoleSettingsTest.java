package io.kefu.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.handoff.HandoffRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console section: defaults, and every bad value stops the start with an error naming its key. */
class ConsoleSettingsTest {
    private static final String HASH = "pbkdf2-sha256$210000$FjXsx9W89MFhB166ktDMlQ$LI0a1xJqj5bWTYy8njXJNfMzhMZEybFamjoifbBHcgc";

    private static ConsoleSettings parse(String console) {
        String yaml = """
                stores:
                  - id: s1
                    channels:
                      - id: web
                        platform: open
                        token: long-enough-token
                console:
                """ + console.indent(2);
        KefuConfig c = ConfigLoader.parse("test", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return ConsoleSettings.parse(c.section("console").orElseThrow(), c);
    }

    private static String account(String extra) {
        return "accounts:\n  - username: amy\n    password_hash: \"" + HASH + "\"\n    store: s1\n" + extra.indent(4);
    }

    private static void fails(String key, String console) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(console));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void defaults() {
        ConsoleSettings s = parse(account(""));
        ConsoleAccount a = s.account("amy").orElseThrow();
        assertEquals(ConsoleAccount.Role.AGENT, a.role());
        assertEquals(5, a.capacity());
        assertEquals(Duration.ofHours(12), s.sessionTtl());
        HandoffRules r = s.rules().get("s1");
        assertEquals(HandoffRules.ALL_TRIGGERS.size(), r.triggers().size());
        assertEquals(Duration.ofSeconds(60), r.firstResponseSla());
        assertTrue(r.hours().always());
    }

    @Test
    void storeRulesAreRead() {
        ConsoleSettings s = parse(account("") + """
                stores:
                  - id: s1
                    triggers: [explicit_request, vip]
                    business_hours: {timezone: Asia/Shanghai, open: "09:00", close: "18:00", days: [mon, fri]}
                    agent_silent_action: bot
                    priorities: {vip: 9}
                """);
        HandoffRules r = s.rules().get("s1");
        assertEquals(2, r.triggers().size());
        assertFalse(r.hours().always());
        assertEquals("bot", r.agentSilentAction());
        assertEquals(9, r.escalation("vip").priority());
    }

    @Test
    void badValuesNameTheirKey() {
        fails("console.accounts", "session_hours: 2\n");
        fails("console.accounts[0].password_hash", "accounts:\n  - username: amy\n    password_hash: hunter2\n    store: s1\n");
        fails("console.accounts[0].password_hash", "accounts:\n  - username: amy\n    password_hash: \"pbkdf2-sha256$1000$"
                + "FjXsx9W89MFhB166ktDMlQ$LI0a1xJqj5bWTYy8njXJNfMzhMZEybFamjoifbBHcgc\"\n    store: s1\n");
        fails("console.accounts[0].store", "accounts:\n  - username: amy\n    password_hash: \"" + HASH + "\"\n    store: nope\n");
        fails("console.accounts[0].role", account("role: admin"));
        fails("console.accounts[0].capacity", account("capacity: -1"));
        fails("console.accounts[0].username", "accounts:\n  - username: \"a b\"\n    password_hash: \"" + HASH + "\"\n    store: s1\n");
        fails("console.accounts[0].colour", account("colour: red"));
        fails("console.session_hours", account("") + "session_hours: 0\n");
        fails("console.stores[0].triggers[0]", account("") + "stores:\n  - id: s1\n    triggers: [sometimes]\n");
        fails("console.stores[0].business_hours.open", account("") + "stores:\n  - id: s1\n    business_hours: {open: \"9am\", close: \"18:00\"}\n");
        fails("console.stores[0].business_hours.timezone", account("") + "stores:\n  - id: s1\n    business_hours: {timezone: Mars/Base, open: \"09:00\", close: \"18:00\"}\n");
        fails("console.stores[0].agent_silent_action", account("") + "stores:\n  - id: s1\n    agent_silent_action: panic\n");
        fails("console.stores[0].id", account("") + "stores:\n  - id: s9\n");
        fails("console.stores[0].priorities.vip", account("") + "stores:\n  - id: s1\n    priorities: {vip: high}\n");
    }

    @Test
    void passwordHashesVerifyAndNeverLeakThePassword() {
        String h = PasswordHash.hash("correct horse".toCharArray());
        assertTrue(h.startsWith("pbkdf2-sha256$210000$"));
        assertFalse(h.contains("correct"));
        assertTrue(PasswordHash.verify(h, "correct horse".toCharArray()));
        assertFalse(PasswordHash.verify(h, "correct horsE".toCharArray()));
        assertFalse(PasswordHash.verify("garbage", "x".toCharArray()));
    }
}
