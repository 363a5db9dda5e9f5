package io.fupan.tools.demo;

/**
 * SplitMix64: a small, fast generator whose output is fixed by its seed on every JVM. Each record
 * gets its own stream ({@link #of}), so any record can be rebuilt from (seed, stream, index) alone:
 * that is what keeps the generator's memory constant and its files independent of write order.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** The stream of one record: {@code salt} names what is drawn (accounts, names, …), {@code index} which one. */
    static Rng of(long seed, long salt, long index) {
        return new Rng(mix(mix(seed ^ (salt * 0x9E3779B97F4A7C15L)) + index));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [from, to]. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box–Muller, one value per call). */
    double gaussian() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** Log-normal with this median and spread (sigma of the log). */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    /** An index drawn with these weights (need not sum to 1). */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
