package io.kefu.nlp.embed;

/** The little vector arithmetic every embedding user needs: unit length and cosine of unit vectors. */
public final class Vectors {
    private Vectors() {}

    /** A unit-length copy of {@code v} (the zero vector stays zero). */
    public static float[] unit(float[] v) {
        double n = 0;
        for (float a : v) n += a * a;
        double f = n > 0 ? 1 / Math.sqrt(n) : 0;
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) out[j] = (float) (v[j] * f);
        return out;
    }

    /** Dot product; the cosine when both are unit length. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
