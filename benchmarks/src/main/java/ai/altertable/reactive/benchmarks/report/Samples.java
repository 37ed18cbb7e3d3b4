package ai.altertable.reactive.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The timed iterations of one measurement: median and spread. Not thread-safe. */
public final class Samples {

    private final List<Double> values = new ArrayList<>();

    public Samples add(double value) {
        values.add(value);
        return this;
    }

    public int count() {
        return values.size();
    }

    public double median() {
        double[] v = sorted();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]: the smallest value with p % of the values at or below it. */
    public double percentile(double p) {
        double[] v = sorted();
        if (v.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.max(0, Math.min(v.length, rank) - 1)];
    }

    public double min() {
        double[] v = sorted();
        return v.length == 0 ? Double.NaN : v[0];
    }

    public double max() {
        double[] v = sorted();
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    private double[] sorted() {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    /** {@code median [min–max]} with the given number format, for example {@code "%.2f"}. */
    public String format(String number) {
        return String.format(Locale.ROOT, number + " [" + number + "–" + number + "]", median(), min(), max());
    }

    @Override
    public String toString() {
        return format("%.3f") + " n=" + count();
    }
}
