package io.kefu.nlp.embed;

/**
 * The rows of a fixed matrix (n × dim, row-major) with the largest dot product with a query: the
 * scan behind the embedding tier's nearest-neighbour vote, on its hot path for every message the
 * cascade sends to the accurate tier.
 *
 * <p>Same result as the plain scan (a double sum of float products over every coordinate, ties to
 * the lower row), faster in two ways that do not change it:
 * <ul>
 *   <li>Each row remembers where its non-zero coordinates lie. A routed encoder ({@link Encoders#ROUTED})
 *       leaves the other language's half of every vector zero, so a Chinese query only reads the
 *       Chinese half of the Chinese training rows; rows it cannot overlap score exactly 0, as the plain
 *       scan would compute them, without being read. Skipped terms are exact zeros, so the sum is unchanged.</li>
 *   <li>Eight independent partial sums instead of one: the adds no longer wait for each other. Only
 *       the summation order changes (differences of the order of 1e-16). C2 (JDK 17) vectorises neither
 *       this nor float partial sums (measured: the same speed), so the products stay exact-as-before
 *       floats summed in doubles.</li>
 * </ul>
 * Immutable and thread-safe; {@link #nearest} allocates nothing.
 */
public final class NearestNeighbours {

    private final float[] memory;
    private final int dim;
    private final int rows;
    private final int[] from; // per row: first non-zero coordinate
    private final int[] to;   // per row: one past the last non-zero coordinate (from == to: a zero row)

    /** Indexes {@code memory} (not copied: it must not change afterwards). */
    public NearestNeighbours(float[] memory, int dim) {
        if (dim <= 0 || memory.length % dim != 0) throw new IllegalArgumentException(memory.length + " values are not rows of " + dim);
        this.memory = memory;
        this.dim = dim;
        this.rows = memory.length / dim;
        this.from = new int[rows];
        this.to = new int[rows];
        for (int i = 0; i < rows; i++) {
            int row = i * dim;
            int a = 0, b = dim;
            while (a < b && memory[row + a] == 0) a++;
            while (b > a && memory[row + b - 1] == 0) b--;
            from[i] = a;
            to[i] = b;
        }
    }

    public int size() {
        return rows;
    }

    public int dimension() {
        return dim;
    }

    /**
     * The {@code best.length} rows most similar to {@code q} (its dot product with each row), best first:
     * {@code best[t]} is a row index and {@code similarity[t]} its dot product. Equal scores keep the lower
     * row first. Both arrays must have the same length, at most {@link #size()}.
     */
    public void nearest(float[] q, double[] similarity, int[] best) {
        if (q.length != dim) throw new IllegalArgumentException("query has " + q.length + " dimensions, memory " + dim);
        int k = similarity.length;
        if (best.length != k || k > rows) throw new IllegalArgumentException("k = " + k + " of " + rows + " rows");
        if (k == 0) return;
        int qFrom = 0, qTo = dim;
        while (qFrom < qTo && q[qFrom] == 0) qFrom++;
        while (qTo > qFrom && q[qTo - 1] == 0) qTo--;
        java.util.Arrays.fill(similarity, Double.NEGATIVE_INFINITY);
        double worst = Double.NEGATIVE_INFINITY; // similarity[k - 1]
        for (int i = 0; i < rows; i++) {
            int a = Math.max(from[i], qFrom);
            int b = Math.min(to[i], qTo);
            double s = a < b ? dot(memory, i * dim, q, a, b) : 0.0;
            if (s > worst) {
                int at = k - 1;
                while (at > 0 && similarity[at - 1] < s) {
                    similarity[at] = similarity[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                similarity[at] = s;
                best[at] = i;
                worst = similarity[k - 1];
            }
        }
    }

    /** Σ m[row + j]·q[j] for j in [a, b): float products summed in doubles, eight partial sums. */
    static double dot(float[] m, int row, float[] q, int a, int b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = a;
        for (int end = b - 7; j < end; j += 8) {
            int r = row + j;
            s0 += m[r] * q[j];
            s1 += m[r + 1] * q[j + 1];
            s2 += m[r + 2] * q[j + 2];
            s3 += m[r + 3] * q[j + 3];
            s4 += m[r + 4] * q[j + 4];
            s5 += m[r + 5] * q[j + 5];
            s6 += m[r + 6] * q[j + 6];
            s7 += m[r + 7] * q[j + 7];
        }
        for (; j < b; j++) s0 += m[row + j] * q[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
