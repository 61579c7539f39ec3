package io.kefu.nlp.intent;

import io.kefu.nlp.embed.NearestNeighbours;
import io.kefu.nlp.embed.Vectors;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * A linear softmax classifier over sentence embeddings, trained with mini-batch Adam and L2 decay.
 * Inputs are standardised with the training mean/std (stored with the weights) because the
 * encoders' unit-length vectors have tiny coordinates that slow plain SGD to a crawl.
 * Immutable after training; {@link #probabilities} allocates only its result.
 */
public final class SoftmaxHead {

    private final int classes;
    private final int dim;
    private final float[] weights; // classes × dim, row-major
    private final float[] bias;
    private final float[] mean;
    private final float[] scale; // 1 / std
    /** Optional nearest-neighbour memory: unit-length training vectors (n × dim), their labels, and the vote's weight. */
    private final float[] memory;
    private final int[] memoryLabels;
    private final double neighbourWeight;
    private final NearestNeighbours neighbours; // the scan over memory
    /** Optional linear discriminant over the same vectors, its weight and temperature (null = none). */
    private final Discriminant discriminant;

    private record Discriminant(DiscriminantHead head, double weight, double temperature) {}

    static final int NEIGHBOURS = 10;
    static final double NEIGHBOUR_TEMPERATURE = 0.05;
    private static final int NEIGHBOUR_MARKER = 0x4b4e4e31; // "KNN1"
    private static final int DISCRIMINANT_MARKER = 0x4c444131; // "LDA1"

    private SoftmaxHead(int classes, int dim, float[] weights, float[] bias, float[] mean, float[] scale) {
        this(classes, dim, weights, bias, mean, scale, null, null, 0, null);
    }

    private SoftmaxHead(int classes, int dim, float[] weights, float[] bias, float[] mean, float[] scale, float[] memory,
                        int[] memoryLabels, double neighbourWeight, Discriminant discriminant) {
        this.classes = classes;
        this.dim = dim;
        this.weights = weights;
        this.bias = bias;
        this.mean = mean;
        this.scale = scale;
        this.memory = memory;
        this.memoryLabels = memoryLabels;
        this.neighbourWeight = neighbourWeight;
        this.neighbours = memory == null ? null : new NearestNeighbours(memory, dim);
        this.discriminant = discriminant;
    }

    /**
     * This head combined log-linearly with a k-nearest-neighbour vote over the given training vectors
     * (cosine similarity, k = 10, each neighbour weighted exp((sim − 1) / 0.05)):
     * p ∝ softmax^(1−weight) · vote^weight. Weight 0 drops the vote. Keeps this head's discriminant.
     */
    public SoftmaxHead withNeighbours(float[][] x, int[] y, double weight) {
        if (weight <= 0) return new SoftmaxHead(classes, dim, weights, bias, mean, scale, null, null, 0, discriminant);
        float[] m = new float[x.length * dim];
        for (int i = 0; i < x.length; i++) {
            float[] u = Vectors.unit(x[i]);
            System.arraycopy(u, 0, m, i * dim, dim);
        }
        return new SoftmaxHead(classes, dim, weights, bias, mean, scale, m, y.clone(), weight, discriminant);
    }

    /**
     * This head with a linear discriminant mixed in: p ∝ softmax^(1−v−u) · vote^v · lda^u where u is
     * {@code weight} and lda = softmax(scores / temperature). Weight 0 drops it. Keeps the neighbour memory.
     */
    public SoftmaxHead withDiscriminant(DiscriminantHead head, double weight, double temperature) {
        if (head != null && (head.dimension() != dim)) throw new IllegalArgumentException("discriminant dimension " + head.dimension() + " != " + dim);
        Discriminant d = head == null || weight <= 0 ? null : new Discriminant(head, weight, temperature);
        return new SoftmaxHead(classes, dim, weights, bias, mean, scale, memory, memoryLabels, neighbourWeight, d);
    }

    public double neighbourWeight() {
        return neighbourWeight;
    }

    public double discriminantWeight() {
        return discriminant == null ? 0 : discriminant.weight();
    }

    /**
     * The embedding tier's distribution from its members: softmax^(1−v−u) · vote^v · lda^u, renormalised
     * (a member with weight 0 may be null). Training's tuning and serving both call this.
     */
    static double[] combine(double[] softmax, double[] vote, double v, double[] lda, double u) {
        if (v <= 0 && u <= 0) return softmax;
        return Blend.logLinear(new double[][] {softmax, vote, lda}, new double[] {1 - Math.max(v, 0) - Math.max(u, 0), Math.max(v, 0), Math.max(u, 0)});
    }

    /** The k-NN vote over a memory of unit vectors (labels y); used for tuning and serving. */
    static double[] neighbourVote(NearestNeighbours memory, int[] y, int classes, float[] x) {
        float[] q = Vectors.unit(x);
        int n = y.length;
        int k = Math.min(NEIGHBOURS, n);
        double[] bestSim = new double[k];
        int[] bestIdx = new int[k];
        memory.nearest(q, bestSim, bestIdx);
        double[] p = new double[classes];
        java.util.Arrays.fill(p, 1e-3);
        for (int t = 0; t < k; t++) p[y[bestIdx[t]]] += Math.exp((bestSim[t] - 1) / NEIGHBOUR_TEMPERATURE);
        double sum = 0;
        for (double v : p) sum += v;
        for (int c = 0; c < classes; c++) p[c] /= sum;
        return p;
    }

    /** The k-NN vote with this head's memory (null without one). */
    double[] neighbourProbabilities(float[] x) {
        return memory == null ? null : neighbourVote(neighbours, memoryLabels, classes, x);
    }

    /** The linear softmax alone, without the neighbour vote. */
    double[] softmaxProbabilities(float[] x) {
        double[] logits = new double[classes];
        float[] z = standardise(x);
        for (int k = 0; k < classes; k++) {
            double s = bias[k];
            int row = k * dim;
            for (int j = 0; j < dim; j++) s += weights[row + j] * z[j];
            logits[k] = s;
        }
        return softmaxInPlace(logits);
    }

    public int classes() {
        return classes;
    }

    public int dimension() {
        return dim;
    }

    public double[] probabilities(float[] x) {
        double[] p = softmaxProbabilities(x);
        double[] vote = memory == null ? null : neighbourVote(neighbours, memoryLabels, classes, x);
        double[] lda = discriminant == null ? null : discriminant.head().probabilities(x, discriminant.temperature());
        return combine(p, vote, memory == null ? 0 : neighbourWeight, lda, discriminantWeight());
    }

    private float[] standardise(float[] x) {
        float[] z = new float[dim];
        for (int j = 0; j < dim; j++) z[j] = (x[j] - mean[j]) * scale[j];
        return z;
    }

    static double[] softmaxInPlace(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) max = Math.max(max, v);
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) logits[k] /= sum;
        return logits;
    }

    /**
     * @param x       training vectors
     * @param y       class index per vector
     * @param onEpoch called with the finished epoch number (progress reporting)
     */
    public static SoftmaxHead train(float[][] x, int[] y, int classes, HeadParams p, IntConsumer onEpoch) {
        int n = x.length;
        int dim = x[0].length;
        float[] mean = new float[dim];
        float[] scale = new float[dim];
        for (float[] v : x) for (int j = 0; j < dim; j++) mean[j] += v[j] / n;
        for (float[] v : x) for (int j = 0; j < dim; j++) scale[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / n;
        for (int j = 0; j < dim; j++) scale[j] = (float) (1.0 / Math.sqrt(scale[j] + 1e-8));
        SoftmaxHead head = new SoftmaxHead(classes, dim, new float[classes * dim], new float[classes], mean, scale);
        float[][] z = new float[n][];
        for (int i = 0; i < n; i++) z[i] = head.standardise(x[i]);
        head.fit(z, y, p, onEpoch);
        return head;
    }

    private void fit(float[][] z, int[] y, HeadParams p, IntConsumer onEpoch) {
        int n = z.length;
        double[] m = new double[weights.length + classes];
        double[] v = new double[weights.length + classes];
        double[] grad = new double[weights.length + classes];
        double[] logits = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(p.seed());
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        long step = 0;
        for (int epoch = 1; epoch <= p.epochs(); epoch++) {
            shuffle(order, random);
            double lr = p.learningRate() * (epoch > p.epochs() * 2 / 3 ? 0.3 : 1.0);
            for (int start = 0; start < n; start += p.batchSize()) {
                int end = Math.min(n, start + p.batchSize());
                java.util.Arrays.fill(grad, 0);
                for (int b = start; b < end; b++) {
                    float[] zi = z[order[b]];
                    int yi = y[order[b]];
                    for (int k = 0; k < classes; k++) {
                        double s = bias[k];
                        int row = k * dim;
                        for (int j = 0; j < dim; j++) s += weights[row + j] * zi[j];
                        logits[k] = s;
                    }
                    softmaxInPlace(logits);
                    for (int k = 0; k < classes; k++) {
                        // label smoothing keeps probabilities usable for blending and fallback thresholds
                        double target = (k == yi ? 1 - p.labelSmoothing() : 0) + p.labelSmoothing() / classes;
                        double d = logits[k] - target;
                        int row = k * dim;
                        for (int j = 0; j < dim; j++) grad[row + j] += d * zi[j];
                        grad[weights.length + k] += d;
                    }
                }
                step++;
                double batch = end - start;
                double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
                for (int q = 0; q < grad.length; q++) {
                    boolean isWeight = q < weights.length;
                    double g = grad[q] / batch + (isWeight ? p.l2() * weights[q] : 0);
                    m[q] = beta1 * m[q] + (1 - beta1) * g;
                    v[q] = beta2 * v[q] + (1 - beta2) * g * g;
                    double update = lr * (m[q] / c1) / (Math.sqrt(v[q] / c2) + eps);
                    if (isWeight) weights[q] -= (float) update;
                    else bias[q - weights.length] -= (float) update;
                }
            }
            onEpoch.accept(epoch);
        }
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(dim);
        for (float w : weights) out.writeFloat(w);
        for (float b : bias) out.writeFloat(b);
        for (float u : mean) out.writeFloat(u);
        for (float s : scale) out.writeFloat(s);
        if (memory != null) {
            out.writeInt(NEIGHBOUR_MARKER);
            out.writeDouble(neighbourWeight);
            out.writeInt(memoryLabels.length);
            for (int label : memoryLabels) out.writeInt(label);
            for (float m : memory) out.writeFloat(m);
        }
        if (discriminant != null) {
            out.writeInt(DISCRIMINANT_MARKER);
            out.writeDouble(discriminant.weight());
            out.writeDouble(discriminant.temperature());
            discriminant.head().write(out);
        }
    }

    public static SoftmaxHead read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int dim = in.readInt();
        if (classes <= 0 || dim <= 0 || (long) classes * dim > 50_000_000L) throw new IOException("corrupt head: " + classes + "x" + dim);
        float[] weights = readFloats(in, classes * dim);
        float[] bias = readFloats(in, classes);
        float[] mean = readFloats(in, dim);
        float[] scale = readFloats(in, dim);
        float[] memory = null;
        int[] labels = null;
        double neighbourWeight = 0;
        Discriminant discriminant = null;
        // optional sections, each tagged, in the order written; a head without any ends here
        for (int marker = nextMarker(in); marker != 0; marker = nextMarker(in)) {
            if (marker == NEIGHBOUR_MARKER && memory == null && discriminant == null) {
                neighbourWeight = in.readDouble();
                int n = in.readInt();
                if (n <= 0 || (long) n * dim > 200_000_000L) throw new IOException("corrupt head: " + n + " neighbours");
                labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readInt();
                    if (labels[i] < 0 || labels[i] >= classes) throw new IOException("corrupt head: neighbour label " + labels[i]);
                }
                memory = readFloats(in, n * dim);
            } else if (marker == DISCRIMINANT_MARKER && discriminant == null) {
                double weight = in.readDouble();
                double temperature = in.readDouble();
                if (!(weight > 0 && weight < 1) || !(temperature > 0)) throw new IOException("corrupt head: discriminant weight " + weight + ", temperature " + temperature);
                discriminant = new Discriminant(DiscriminantHead.read(in, classes, dim), weight, temperature);
            } else {
                throw new IOException("corrupt head: unknown or repeated section " + Integer.toHexString(marker));
            }
        }
        return new SoftmaxHead(classes, dim, weights, bias, mean, scale, memory, labels, neighbourWeight, discriminant);
    }

    /** The next section marker, or 0 at the end of the head. */
    private static int nextMarker(DataInputStream in) throws IOException {
        try {
            return in.readInt();
        } catch (java.io.EOFException end) {
            return 0;
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) a[i] = in.readFloat();
        return a;
    }
}
