package io.kefu.handlers.bot;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import java.util.function.Supplier;

/**
 * Asks the current model. The model is read once per turn, so a turn that started on the old model
 * finishes on it even if a new one is activated meanwhile.
 */
final class ClassifyMiddleware implements Middleware {
    private final Supplier<IntentClassifier> model;

    ClassifyMiddleware(Supplier<IntentClassifier> model) {
        this.model = model;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        IntentClassifier classifier = model.get();
        Prediction p = classifier.classify(ctx.text());
        ctx.prediction(p, classifier.modelId());
        next.run();
    }
}
