package io.kefu.nlp.intent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscriminantHeadTest {

    static final int DIM = 40, CLASSES = 5;

    /**
     * Class c sits 1.0 along axis c; every sample also carries a large noise shared by the first five axes
     * in proportions 1:2:3:4:5. That noise moves samples between class means in Euclidean terms; a
     * classifier that learns the shared covariance discounts it.
     */
    private static float[] sample(Random r, int c) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) v[j] = (float) (0.3 * r.nextGaussian());
        double g = 3 * r.nextGaussian();
        for (int j = 0; j < 5; j++) v[j] += (float) (g * (j + 1) / Math.sqrt(55));
        v[c] += 1.0f;
        return v;
    }

    private record Data(float[][] x, int[] y) {}

    /** n samples of the first {@code classes} classes, in turn or (random) in random order. */
    private static Data data(Random r, int n, int classes, boolean random) {
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random ? r.nextInt(classes) : i % classes;
            x[i] = sample(r, y[i]);
        }
        return new Data(x, y);
    }

    @Test
    void separatesClassesThatTheSharedCovarianceExplains() {
        Random r = new Random(3);
        int n = 400;
        Data data = data(r, n, CLASSES, false);
        float[][] x = data.x();
        int[] y = data.y();
        DiscriminantHead lda = DiscriminantHead.train(x, y, CLASSES);
        int right = 0, nearestMean = 0;
        float[][] means = new float[CLASSES][DIM];
        for (int i = 0; i < n; i++) for (int j = 0; j < DIM; j++) means[y[i]][j] += x[i][j] / (n / CLASSES);
        for (int t = 0; t < 500; t++) {
            int c = t % CLASSES;
            float[] q = sample(r, c);
            if (Blend.argmax(lda.scores(q)) == c) right++;
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < CLASSES; k++) {
                double d = 0;
                for (int j = 0; j < DIM; j++) d += (q[j] - means[k][j]) * (q[j] - means[k][j]);
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            if (best == c) nearestMean++;
        }
        assertTrue(right >= 450, "LDA right on " + right + "/500");
        assertTrue(nearestMean < 400, "nearest mean should do clearly worse on this data, got " + nearestMean + "/500");
    }

    @Test
    void moreDimensionsThanExamplesStillTrains() {
        Random r = new Random(5);
        Data data = data(r, 12, 3, false);
        float[][] x = data.x();
        int[] y = data.y();
        DiscriminantHead lda = DiscriminantHead.train(x, y, 4); // class 3 has no examples
        double[] p = lda.probabilities(x[0], 10);
        for (double v : p) assertTrue(Double.isFinite(v));
        assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-9);
        assertTrue(p[3] < 1e-6, "a class without examples must not win: " + p[3]);
    }

    @Test
    void temperatureSoftensWithoutChangingTheOrder() {
        Random r = new Random(7);
        Data data = data(r, 100, CLASSES, false);
        float[][] x = data.x();
        int[] y = data.y();
        DiscriminantHead lda = DiscriminantHead.train(x, y, CLASSES);
        float[] q = sample(r, 2);
        double[] sharp = lda.probabilities(q, 1), soft = lda.probabilities(q, 20);
        assertEquals(Blend.argmax(sharp), Blend.argmax(soft));
        assertTrue(Blend.max(soft) < Blend.max(sharp));
    }

    @Test
    void headWithVoteAndDiscriminantSurvivesWriteAndRead() throws IOException {
        Random r = new Random(11);
        int n = 200;
        Data data = data(r, n, CLASSES, true);
        float[][] x = data.x();
        int[] y = data.y();
        SoftmaxHead plain = SoftmaxHead.train(x, y, CLASSES, new HeadParams(3, 32, 2e-3, 1e-4, 0, 1), epoch -> {});
        DiscriminantHead lda = DiscriminantHead.train(x, y, CLASSES);
        SoftmaxHead both = plain.withNeighbours(x, y, 0.3).withDiscriminant(lda, 0.25, 7);
        SoftmaxHead ldaOnly = plain.withDiscriminant(lda, 0.4, 5);
        for (SoftmaxHead head : new SoftmaxHead[] {both, ldaOnly}) {
            SoftmaxHead reloaded = roundTrip(head);
            for (int t = 0; t < 50; t++) {
                float[] q = sample(r, t % CLASSES);
                assertArrayEquals(head.probabilities(q), reloaded.probabilities(q), 1e-12);
            }
        }
        float[] q = sample(r, 1);
        double[] expected = Blend.logLinear(new double[][] {plain.softmaxProbabilities(q), both.neighbourProbabilities(q), lda.probabilities(q, 7)},
                new double[] {0.45, 0.3, 0.25});
        assertArrayEquals(expected, both.probabilities(q), 1e-12);
        assertEquals(0.25, both.discriminantWeight());
        assertEquals(0.0, plain.withDiscriminant(lda, 0, 7).discriminantWeight());
    }

    @Test
    void corruptDiscriminantSectionIsRefused() throws IOException {
        Random r = new Random(13);
        Data data = data(r, 60, CLASSES, false);
        float[][] x = data.x();
        int[] y = data.y();
        SoftmaxHead head = SoftmaxHead.train(x, y, CLASSES, new HeadParams(2, 32, 2e-3, 1e-4, 0, 1), epoch -> {})
                .withDiscriminant(DiscriminantHead.train(x, y, CLASSES), 0.3, 7);
        byte[] bytes = bytes(head);
        // the weight is the first double after the "LDA1" marker
        int at = indexOf(bytes, new byte[] {0x4c, 0x44, 0x41, 0x31}) + 4;
        byte[] badWeight = bytes.clone();
        java.nio.ByteBuffer.wrap(badWeight).putDouble(at, 1.5);
        IOException e = assertThrows(IOException.class, () -> SoftmaxHead.read(new DataInputStream(new ByteArrayInputStream(badWeight))));
        assertTrue(e.getMessage().contains("discriminant"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 10);
        assertThrows(IOException.class, () -> SoftmaxHead.read(new DataInputStream(new ByteArrayInputStream(truncated))));
    }

    private static SoftmaxHead roundTrip(SoftmaxHead head) throws IOException {
        return SoftmaxHead.read(new DataInputStream(new ByteArrayInputStream(bytes(head))));
    }

    private static byte[] bytes(SoftmaxHead head) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
