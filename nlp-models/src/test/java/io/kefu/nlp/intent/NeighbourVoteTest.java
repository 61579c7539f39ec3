package io.kefu.nlp.intent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.nlp.embed.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The head's k-NN vote (through NearestNeighbours) against the straightforward vote it replaced, on random data. */
class NeighbourVoteTest {

    static final int EN = 24, ZH = 32, DIM = EN + ZH, CLASSES = 7;

    /** The vote as SoftmaxHead computed it before NearestNeighbours: a plain double scan over every training vector. */
    static double[] referenceVote(float[][] x, int[] y, float[] query) {
        float[] q = Vectors.unit(query);
        int k = Math.min(SoftmaxHead.NEIGHBOURS, x.length);
        double[] bestSim = new double[k];
        int[] bestIdx = new int[k];
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            float[] u = Vectors.unit(x[i]);
            double s = 0;
            for (int j = 0; j < DIM; j++) s += u[j] * q[j];
            if (s > bestSim[k - 1]) {
                int at = k - 1;
                while (at > 0 && bestSim[at - 1] < s) {
                    bestSim[at] = bestSim[at - 1];
                    bestIdx[at] = bestIdx[at - 1];
                    at--;
                }
                bestSim[at] = s;
                bestIdx[at] = i;
            }
        }
        double[] p = new double[CLASSES];
        Arrays.fill(p, 1e-3);
        for (int t = 0; t < k; t++) p[y[bestIdx[t]]] += Math.exp((bestSim[t] - 1) / SoftmaxHead.NEIGHBOUR_TEMPERATURE);
        double sum = Arrays.stream(p).sum();
        for (int c = 0; c < CLASSES; c++) p[c] /= sum;
        return p;
    }

    /** Like a routed encoder's output: English vectors in [0, EN), Chinese in [EN, DIM), the rest zero; not unit length. */
    static float[] routed(Random r, boolean chinese, float[] centre) {
        float[] v = new float[DIM];
        int from = chinese ? EN : 0, to = chinese ? DIM : EN;
        for (int j = from; j < to; j++) v[j] = (float) (centre[j] + 0.6 * r.nextGaussian()) * 3;
        return v;
    }

    @Test
    void sameProbabilitiesAsThePlainVoteOnRandomRoutedData() throws IOException {
        Random r = new Random(11);
        float[][] centres = new float[CLASSES][DIM];
        for (float[] c : centres) for (int j = 0; j < DIM; j++) c[j] = (float) r.nextGaussian();
        int n = 300;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(CLASSES);
            x[i] = routed(r, r.nextInt(3) > 0, centres[y[i]]);
        }
        SoftmaxHead head = SoftmaxHead.train(x, y, CLASSES, new HeadParams(3, 32, 2e-3, 1e-4, 0, 1), epoch -> {})
                .withNeighbours(x, y, 0.45);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        head.write(new DataOutputStream(bytes));
        SoftmaxHead reloaded = SoftmaxHead.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        int differentTop = 0;
        for (int t = 0; t < 200; t++) {
            int c = r.nextInt(CLASSES);
            float[] q = t % 10 == 0 ? x[r.nextInt(n)] : routed(r, t % 3 != 0, centres[c]);
            double[] expected = referenceVote(x, y, q);
            assertArrayEquals(expected, head.neighbourProbabilities(q), 1e-12, "query " + t);
            assertArrayEquals(expected, reloaded.neighbourProbabilities(q), 1e-12, "reloaded, query " + t);
            double[] blended = Blend.mix(head.softmaxProbabilities(q), expected, 0.45);
            assertArrayEquals(blended, head.probabilities(q), 1e-12, "head + vote, query " + t);
            if (Blend.argmax(expected) != Blend.argmax(head.softmaxProbabilities(q))) differentTop++;
        }
        // the vote must matter on this data, or the comparison above proves little
        assertEquals(true, differentTop > 0, "the vote never disagreed with the plain softmax");
    }
}
