package io.kefu.nlp.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.data.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

    @Test
    void everyExampleIsTunedOnceAndNeverFitOnInItsOwnFold() {
        List<Example> data = new ArrayList<>();
        for (int i = 0; i < 23; i++) data.add(new Example("a", "a" + i));
        for (int i = 0; i < 11; i++) data.add(new Example("b", "b" + i));
        for (int i = 0; i < 3; i++) data.add(new Example("rare", "r" + i));
        var folds = IntentTrainer.stratifiedFolds(data, 5, 13L);
        assertEquals(5, folds.size());
        Map<Example, Integer> tunedIn = new HashMap<>();
        for (var fold : folds) {
            Set<Example> fit = new HashSet<>(fold.fit());
            assertEquals(data.size(), fold.fit().size() + fold.tune().size(), "a fold splits the data, nothing lost or doubled");
            for (Example e : fold.tune()) {
                assertFalse(fit.contains(e), "a tuned example is not in its fold's fit set");
                assertEquals(null, tunedIn.put(e, tunedIn.size()), "tuned in one fold only: " + e);
            }
            assertTrue(fold.fit().stream().anyMatch(e -> e.label().equals("rare")), "every fold's tiers know every label");
            long a = fold.tune().stream().filter(e -> e.label().equals("a")).count();
            assertTrue(a == 4 || a == 5, "stratified: each fold tunes on a fifth of a label, got " + a);
        }
        assertEquals(data.size() - 3, tunedIn.size(), "all but the label with fewer examples than folds are tuned on");
        assertTrue(tunedIn.keySet().stream().noneMatch(e -> e.label().equals("rare")));
    }
}
