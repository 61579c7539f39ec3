package io.kefu.nlp.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast scan against the plain one it replaced (one double sum over every coordinate, ties to the lower row). */
class NearestNeighboursTest {

    static final int HALF = 48;
    static final int DIM = 2 * HALF + 16; // routed-like: English part [0, HALF), Chinese part [HALF, DIM), like 384 + 512

    /** The scan as SoftmaxHead.neighbourVote did it before NearestNeighbours. */
    static void plainScan(float[] memory, int dim, float[] q, double[] bestSim, int[] bestIdx) {
        int n = memory.length / dim;
        int k = bestSim.length;
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int row = i * dim;
            double s = 0;
            for (int j = 0; j < dim; j++) s += memory[row + j] * q[j];
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
    }

    /** A unit vector filling [from, to) with random values, zero elsewhere. */
    static float[] unit(Random r, int from, int to) {
        float[] v = new float[DIM];
        for (int j = from; j < to; j++) v[j] = (float) r.nextGaussian();
        return Vectors.unit(v);
    }

    static float[] routedRow(Random r) {
        return r.nextBoolean() ? unit(r, 0, HALF) : unit(r, HALF, DIM);
    }

    static float[] memoryOf(float[][] rows) {
        float[] m = new float[rows.length * DIM];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, m, i * DIM, DIM);
        return m;
    }

    static void assertSameAsPlainScan(float[] memory, float[] q, int k, String what) {
        double[] expectedSim = new double[k], sim = new double[k];
        int[] expected = new int[k], got = new int[k];
        plainScan(memory, DIM, q, expectedSim, expected);
        new NearestNeighbours(memory, DIM).nearest(q, sim, got);
        assertArrayEquals(expected, got, what + ": neighbours");
        assertArrayEquals(expectedSim, sim, 1e-12, what + ": similarities");
    }

    @Test
    void sameNeighboursAndSimilaritiesAsThePlainScanOnRandomRoutedAndDenseData() {
        Random r = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            int n = 20 + r.nextInt(400);
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                rows[i] = kind < 4 ? unit(r, 0, HALF) : kind < 8 ? unit(r, HALF, DIM) : kind < 9 ? unit(r, 0, DIM) : unit(r, 3, HALF - 5);
            }
            float[] memory = memoryOf(rows);
            for (int query = 0; query < 10; query++) {
                float[] q = switch (query % 4) {
                    case 0 -> unit(r, 0, HALF);
                    case 1 -> unit(r, HALF, DIM);
                    case 2 -> unit(r, 0, DIM);
                    default -> rows[r.nextInt(n)].clone(); // a training vector itself: similarity 1 at the top
                };
                assertSameAsPlainScan(memory, q, 10, "trial " + trial + " query " + query);
            }
            assertSameAsPlainScan(memory, unit(r, HALF, DIM), n, "trial " + trial + ": every row ranked");
        }
    }

    @Test
    void rowsTheQueryCannotReachScoreZeroAndFillTheRankingLowestRowFirst() {
        Random r = new Random(7);
        // 3 Chinese rows close to the query, 12 English ones: a Chinese query overlaps only 3, the other 7 places go to
        // similarity-0 rows, lowest index first, exactly as the plain scan ranks them
        float[] q = unit(r, HALF, DIM);
        float[][] rows = new float[15][];
        for (int i = 0; i < rows.length; i++) {
            if (i % 5 != 2) {
                rows[i] = unit(r, 0, HALF);
                continue;
            }
            float[] near = unit(r, HALF, DIM);
            for (int j = HALF; j < DIM; j++) near[j] = q[j] + 0.1f * near[j];
            rows[i] = Vectors.unit(near);
        }
        float[] memory = memoryOf(rows);
        assertSameAsPlainScan(memory, q, 10, "sparse overlap");
        double[] sim = new double[10];
        int[] best = new int[10];
        new NearestNeighbours(memory, DIM).nearest(q, sim, best);
        assertArrayEquals(new int[] {2, 7, 12}, Arrays.stream(best, 0, 3).sorted().toArray(), "the overlapping rows first");
        assertArrayEquals(new int[] {0, 1, 3, 4, 5, 6, 8}, Arrays.copyOfRange(best, 3, 10), "then similarity 0, lowest row first");
        for (int t = 0; t < 10; t++) if (best[t] % 5 != 2) assertEquals(0.0, sim[t], 0.0);
    }

    @Test
    void equalScoresKeepTheLowerRowFirst() {
        Random r = new Random(3);
        float[] a = unit(r, HALF, DIM), b = unit(r, HALF, DIM);
        float[] memory = memoryOf(new float[][] {b, a, b, a, a, b});
        double[] sim = new double[4];
        int[] best = new int[4];
        new NearestNeighbours(memory, DIM).nearest(a, sim, best);
        assertArrayEquals(new int[] {1, 3, 4, 0}, best);
        assertSameAsPlainScan(memory, a, 4, "duplicates");
    }

    @Test
    void zeroQueryAndZeroRowsScoreZero() {
        Random r = new Random(5);
        float[] memory = memoryOf(new float[][] {unit(r, 0, HALF), new float[DIM], unit(r, HALF, DIM)});
        assertSameAsPlainScan(memory, new float[DIM], 3, "zero query");
        assertSameAsPlainScan(memory, unit(r, 0, DIM), 3, "zero row");
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbours(new float[10], 3));
        NearestNeighbours nn = new NearestNeighbours(new float[6 * DIM], DIM);
        assertThrows(IllegalArgumentException.class, () -> nn.nearest(new float[DIM - 1], new double[2], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> nn.nearest(new float[DIM], new double[7], new int[7]));
    }
}
