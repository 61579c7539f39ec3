package io.kefu.nlp.intent;

/** Softmax-head training parameters. */
public record HeadParams(int epochs, int batchSize, double learningRate, double l2, double labelSmoothing, long seed) {

    public static HeadParams defaults() {
        return new HeadParams(40, 32, 2e-3, 1e-4, 0.05, 7L);
    }

    public HeadParams withLabelSmoothing(double smoothing) {
        return new HeadParams(epochs, batchSize, learningRate, l2, smoothing, seed);
    }
}
