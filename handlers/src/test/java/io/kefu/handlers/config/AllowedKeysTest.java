package io.kefu.handlers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AllowedKeysTest {
    static final AllowedKeys KEYS = AllowedKeys.of("url", "store", "group");
    static final ObjectMapper JSON = new ObjectMapper();

    static String refusal(String json) {
        return assertThrows(ConfigException.class, () -> KEYS.check(JSON.readTree(json), "campaigns.taobao[0]")).getMessage();
    }

    @Test
    void aMappingOfAllowedKeysPasses() throws Exception {
        KEYS.check(JSON.readTree("{\"store\":\"s\",\"url\":null}"), "campaigns.taobao[0]");
        KEYS.check(JSON.readTree("{}"), "campaigns.taobao[0]");
    }

    @Test
    void aTypoIsNamedWithWhatIsAllowedAndANonMappingIsRefused() {
        assertEquals("config: campaigns.taobao[0].stor: unknown key (allowed here: group, store, url)", refusal("{\"store\":\"s\",\"stor\":1}"));
        assertEquals("config: campaigns.taobao[0]: must be a mapping", refusal("[\"store\"]"));
        assertEquals("config: campaigns.taobao[0]: must be a mapping", refusal("\"store\""));
    }
}
