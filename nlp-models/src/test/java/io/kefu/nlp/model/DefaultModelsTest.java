package io.kefu.nlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.data.Datasets;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.eval.EvalResult;
import io.kefu.nlp.eval.Evaluation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast-tier default model, trained from the packaged data; never loads the ONNX encoders. */
class DefaultModelsTest {

    /** Measured 0.838 top-1 on test.tsv with the fast tier alone (2459 training lines); the floor leaves room for data edits. */
    static final double FAST_TIER_FLOOR = 0.80;

    static final Set<String> INTENTS = Set.of("greeting", "product_inquiry", "size_recommendation", "stock_availability",
            "price_promotion", "shipping_time", "shipping_courier", "invoice", "order_status", "payment_issue", "modify_address",
            "modify_order", "cancel_order", "urge_shipping", "logistics_tracking", "delivery_problem", "return_refund",
            "refund_status", "exchange", "quality_complaint", "usage_help", "complaint", "human_agent", "thanks", "goodbye",
            "affirm", "deny", "membership", "out_of_scope");

    static IntentModel model;

    @BeforeAll
    static void train() {
        model = DefaultModels.trainFast();
    }

    @Test
    void hasExactlyTheTwentyNineIntents() {
        assertEquals(INTENTS, Set.copyOf(model.labels()));
        assertEquals(INTENTS, Set.copyOf(Datasets.labels(DefaultModels.testData())));
    }

    @Test
    void fastTierAccuracyOnTheHeldOutTestFile() {
        List<Example> test = DefaultModels.testData();
        EvalResult r = Evaluation.run(model::classify, test, null);
        assertTrue(r.accuracy() >= FAST_TIER_FLOOR, "fast-tier accuracy " + r.summaryLine());
        assertTrue(test.size() >= 29 * 10, "test file has " + test.size() + " lines");
    }

    @Test
    void typicalBuyerMessages() {
        assertEquals("greeting", model.classify("亲，在吗").intent());
        assertEquals("logistics_tracking", model.classify("我的快递到哪了").intent());
        assertEquals("human_agent", model.classify("转人工").intent());
        assertEquals("thanks", model.classify("thank you so much!").intent());
    }
}
