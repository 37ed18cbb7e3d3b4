package ai.altertable.reactive.core.row.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Value equality of row values: binary compared by content, decimals by numeric value ({@code 1.5} equals
 * {@code 1.50}), lists and maps element by element with the same rules; everything else by {@code equals}.
 * {@link #hash(Object)} is consistent with it. Stateless.
 */
public final class ValueEquality {

    private ValueEquality() {
    }

    /** Whether two row values are equal (see the class description). */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
        }
        if (a instanceof List && b instanceof List) {
            return listsEqual((List<?>) a, (List<?>) b);
        }
        if (a instanceof Map && b instanceof Map) {
            return mapsEqual((Map<?, ?>) a, (Map<?, ?>) b);
        }
        return a.equals(b);
    }

    /** A hash consistent with {@link #equal(Object, Object)}. */
    public static int hash(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[]) {
            return Arrays.hashCode((byte[]) value);
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros().hashCode();
        }
        if (value instanceof List) {
            int h = 1;
            for (Object element : (List<?>) value) {
                h = 31 * h + hash(element);
            }
            return h;
        }
        if (value instanceof Map) {
            int h = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                h += Objects.hashCode(e.getKey()) ^ hash(e.getValue());
            }
            return h;
        }
        return value.hashCode();
    }

    private static boolean listsEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> ia = a.iterator();
        Iterator<?> ib = b.iterator();
        while (ia.hasNext()) {
            if (!equal(ia.next(), ib.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : a.entrySet()) {
            Object key = e.getKey();
            if (!b.containsKey(key) || !equal(e.getValue(), b.get(key))) {
                return false;
            }
        }
        return true;
    }
}
