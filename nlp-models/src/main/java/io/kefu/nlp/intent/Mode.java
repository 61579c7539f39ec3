package io.kefu.nlp.intent;

import java.util.Locale;

/**
 * How a model answers. {@code fast}: the n-gram tier only. {@code accurate}: always embeds the
 * message and blends both tiers with the tuned weight. {@code cascade} (default): the n-gram tier
 * answers when its top probability reaches the cascade threshold, otherwise as {@code accurate}.
 */
public enum Mode {
    FAST, ACCURATE, CASCADE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean usesEmbeddings() {
        return this != FAST;
    }

    public static Mode parse(String s) {
        for (Mode m : values()) if (m.id().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("unknown mode '" + s + "' (fast, accurate, cascade)");
    }
}
