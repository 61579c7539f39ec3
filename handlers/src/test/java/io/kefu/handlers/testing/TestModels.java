package io.kefu.handlers.testing;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.model.DefaultModels;

/** The real default e-commerce model, fast tier only (no ONNX), trained once per test JVM. */
public final class TestModels {
    private static volatile IntentClassifier fast;

    private TestModels() {
    }

    public static IntentClassifier fast() {
        IntentClassifier m = fast;
        if (m == null) {
            synchronized (TestModels.class) {
                if (fast == null) {
                    fast = DefaultModels.trainFast();
                }
                m = fast;
            }
        }
        return m;
    }
}
