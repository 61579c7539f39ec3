package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;

/** Reads series from a node's /metrics text. */
final class Metrics {
    private Metrics() {
    }

    /** Sum of every sample whose name and labels start with {@code prefix} (e.g. {@code kefu_x{channel="a"}). */
    static long sum(KefuNode node, String prefix) {
        long total = 0;
        for (String line : node.metrics().render().split("\n")) {
            if (!line.startsWith("#") && line.startsWith(prefix)) {
                String v = line.substring(line.lastIndexOf(' ') + 1);
                total += (long) Double.parseDouble(v);
            }
        }
        return total;
    }

    static long value(KefuNode node, String name, String channel, String... more) {
        StringBuilder p = new StringBuilder(name).append("{channel=\"").append(channel).append('"');
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.append(',').append(more[i]).append("=\"").append(more[i + 1]).append('"');
        }
        return sum(node, p.append('}').toString());
    }
}
