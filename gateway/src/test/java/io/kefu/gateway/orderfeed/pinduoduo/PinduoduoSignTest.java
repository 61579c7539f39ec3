package io.kefu.gateway.orderfeed.pinduoduo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PinduoduoSignTest {
    @Test
    void signIsBase64OfTheLowercaseHexMd5() {
        // Computed outside Java: base64(md5("cid-001" + "1700000000000" + "sec-xyz").hexdigest())
        assertEquals("OTk4ODM2YWVlNzk0M2Q2ZGE5YTY4YjEyNzQ2NmQzMDc=", PinduoduoSign.sign("cid-001", 1_700_000_000_000L, "sec-xyz"));
    }

    @Test
    void urlCarriesClientIdTimestampAndSignAsPathSegments() {
        URI u = PinduoduoSign.url(URI.create("wss://push.example/"), "cid-001", 1_700_000_000_000L, "sec-xyz");
        assertEquals("wss://push.example/message/cid-001/1700000000000/OTk4ODM2YWVlNzk0M2Q2ZGE5YTY4YjEyNzQ2NmQzMDc=", u.toString());
    }

    @Test
    void signNeverNeedsEscapingInAPath() {
        for (long t = 0; t < 2000; t++) {
            String s = PinduoduoSign.sign("c" + t, 1_700_000_000_000L + t, "s");
            assertTrue(s.matches("[A-Za-z0-9]+=*"), s);
        }
    }
}
