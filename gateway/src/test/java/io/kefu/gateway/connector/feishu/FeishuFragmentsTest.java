package io.kefu.gateway.connector.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeishuFragmentsTest {
    static final long TTL = 5_000_000_000L;
    final FeishuFragments f = new FeishuFragments(TTL);

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void joinsPartsInSeqOrderWhateverOrderTheyArrive() throws Exception {
        assertNull(f.add("m1", 3, 2, b("ne\"}"), 0));
        assertNull(f.add("m1", 3, 0, b("{\"text\":"), 1));
        assertNull(f.add("m2", 2, 1, b("B"), 1)); // interleaved with another message
        String whole = new String(f.add("m1", 3, 1, b("\"do"), 2), StandardCharsets.UTF_8);
        assertEquals("{\"text\":\"done\"}", whole);
        assertEquals("AB", new String(f.add("m2", 2, 0, b("A"), 3), StandardCharsets.UTF_8));
        assertEquals(0, f.pendingMessages());
    }

    @Test
    void aRepeatedPartIsIgnored() throws Exception {
        assertNull(f.add("m", 2, 0, b("A"), 0));
        assertNull(f.add("m", 2, 0, b("X"), 0));
        assertEquals("AB", new String(f.add("m", 2, 1, b("B"), 0), StandardCharsets.UTF_8));
    }

    @Test
    void staleIncompleteSetsAreForgotten() throws Exception {
        assertNull(f.add("old", 2, 0, b("A"), 0));
        assertNull(f.add("new", 2, 0, b("C"), TTL + 1));
        assertEquals(1, f.pendingMessages());
        // The late second part of "old" starts a fresh set instead of completing a stale one.
        assertNull(f.add("old", 2, 1, b("B"), TTL + 2));
    }

    @Test
    void nonsenseIsRefused() throws Exception {
        assertThrows(FeishuFragments.BadFragmentException.class, () -> f.add(null, 2, 0, b("A"), 0));
        assertThrows(FeishuFragments.BadFragmentException.class, () -> f.add("m", 2, 2, b("A"), 0));
        assertThrows(FeishuFragments.BadFragmentException.class, () -> f.add("m", 2, -1, b("A"), 0));
        assertThrows(FeishuFragments.BadFragmentException.class, () -> f.add("m", FeishuFragments.MAX_PARTS + 1, 0, b("A"), 0));
        assertNull(f.add("m", 2, 0, b("A"), 0));
        assertThrows(FeishuFragments.BadFragmentException.class, () -> f.add("m", 3, 1, b("B"), 0));
        assertEquals(0, f.pendingMessages());
    }
}
