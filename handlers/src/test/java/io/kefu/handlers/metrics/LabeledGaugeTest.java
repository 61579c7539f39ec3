package io.kefu.handlers.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LabeledGaugeTest {
    @Test
    void rendersOneGaugeLinePerLabelCombinationAndFollowsSets() {
        Metrics m = new Metrics();
        LabeledGauge g = m.gauges("kefu_connector_up", "1 when connected", "channel");
        g.labels("slack-1").set(1);
        g.labels("wecom-1").set(0);
        g.labels("slack-1").set(0);
        String text = m.render();
        assertTrue(text.contains("# TYPE kefu_connector_up gauge"), text);
        assertTrue(text.contains("kefu_connector_up{channel=\"slack-1\"} 0\n"), text);
        assertTrue(text.contains("kefu_connector_up{channel=\"wecom-1\"} 0\n"), text);
        g.remove("wecom-1");
        assertFalse(m.render().contains("wecom-1"));
        assertThrows(IllegalArgumentException.class, () -> g.labels("a", "b"));
    }
}
