package ai.altertable.reactive.core.row.internal;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text of row values for {@code toString()} and error messages: binary as hex, JSON as JSON text, {@code java.time} in
 * DuckDB's form, decimals in plain notation, lists and maps recursively; and a bounded excerpt, because cell values can
 * be large or sensitive. Stateless.
 */
public final class ValueText {

    /** The longest excerpt of a value that goes into a message or {@code toString()}. */
    public static final int MAX_EXCERPT_CHARS = 64;

    private ValueText() {
    }

    /** The full text of a value (see the class description); {@code "null"} for {@code null}. */
    public static String render(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, Integer.MAX_VALUE);
        return sb.toString();
    }

    /**
     * The text of a value cut to {@link #MAX_EXCERPT_CHARS} characters, saying how long it was when cut. Strings are
     * quoted. Lists and maps stop being rendered once the excerpt is long enough.
     */
    public static String excerpt(Object value) {
        if (value instanceof String) {
            return '"' + truncate((String) value) + '"';
        }
        StringBuilder sb = new StringBuilder();
        append(sb, value, 2 * MAX_EXCERPT_CHARS);
        String text = sb.toString();
        return text.length() <= MAX_EXCERPT_CHARS ? text : cut(text) + "…";
    }

    /** Like {@link #excerpt(Object)} but with strings unquoted, for {@code toString()}. */
    public static String brief(Object value) {
        return value instanceof String ? truncate((String) value) : excerpt(value);
    }

    /** {@code text} cut to {@link #MAX_EXCERPT_CHARS} characters with a {@code …(N chars)} marker when cut. */
    public static String truncate(String text) {
        if (text.length() <= MAX_EXCERPT_CHARS) {
            return text;
        }
        return cut(text) + "…(" + text.length() + " chars)";
    }

    private static String cut(String text) {
        int end = MAX_EXCERPT_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static void append(StringBuilder sb, Object value, int cap) {
        if (value instanceof byte[]) {
            sb.append(Hex.encode((byte[]) value));
        } else if (value instanceof BigDecimal) {
            sb.append(NumericConversions.plainText((BigDecimal) value));
        } else if (value instanceof TemporalAccessor) {
            sb.append(TemporalText.format((TemporalAccessor) value));
        } else if (value instanceof List) {
            appendList(sb, (List<?>) value, cap);
        } else if (value instanceof Map) {
            appendMap(sb, (Map<?, ?>) value, cap);
        } else {
            sb.append(value);
        }
    }

    private static void appendList(StringBuilder sb, List<?> list, int cap) {
        sb.append('[');
        for (Iterator<?> it = list.iterator(); it.hasNext() && sb.length() < cap; ) {
            append(sb, it.next(), cap);
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }

    private static void appendMap(StringBuilder sb, Map<?, ?> map, int cap) {
        sb.append('{');
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext() && sb.length() < cap; ) {
            Map.Entry<?, ?> e = it.next();
            append(sb, e.getKey(), cap);
            sb.append('=');
            append(sb, e.getValue(), cap);
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        sb.append('}');
    }
}
