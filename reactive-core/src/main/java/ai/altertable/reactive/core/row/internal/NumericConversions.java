package ai.altertable.reactive.core.row.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact conversions between Java number types. Integral targets accept a value only if it is a whole number within
 * range; {@link Float} and {@link Double} targets accept any number (that is the one place precision may be lost, because
 * the caller asked for it). Numeric text is accepted too. Nothing on the path to an exact type goes through
 * {@code double}. Stateless.
 */
public final class NumericConversions {

    /** Beyond this many integer digits a value is refused rather than expanded (protects against {@code 1e999999999}). */
    private static final int MAX_INTEGER_DIGITS = 1000;

    private NumericConversions() {
    }

    /** Whether {@link #convert(Object, Class)} handles this (boxed) target. */
    public static boolean handles(Class<?> target) {
        return target == Long.class || target == Integer.class || target == Short.class || target == Byte.class
                || target == BigInteger.class || target == BigDecimal.class || target == Double.class
                || target == Float.class;
    }

    /**
     * Converts a number (or numeric text) to a boxed numeric {@code target} for which {@link #handles(Class)} holds.
     *
     * @throws ConversionFailure if the value is not numeric, not whole for an integral target, or out of range
     */
    public static Object convert(Object value, Class<?> target) {
        if (value.getClass() == target) {
            return value;
        }
        if (target == Long.class) {
            return toLong(value);
        } else if (target == Integer.class) {
            return (int) inRange(toLong(value), Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer");
        } else if (target == Short.class) {
            return (short) inRange(toLong(value), Short.MIN_VALUE, Short.MAX_VALUE, "Short");
        } else if (target == Byte.class) {
            return (byte) inRange(toLong(value), Byte.MIN_VALUE, Byte.MAX_VALUE, "Byte");
        } else if (target == BigInteger.class) {
            return toBigInteger(value);
        } else if (target == BigDecimal.class) {
            return toBigDecimal(value);
        } else if (target == Double.class) {
            return value instanceof String ? parseDouble((String) value) : number(value).doubleValue();
        } else if (target == Float.class) {
            return value instanceof String ? (float) parseDouble((String) value) : number(value).floatValue();
        }
        throw new IllegalArgumentException("not a numeric target: " + target);
    }

    /** {@code value} if it lies in {@code [min, max]}. */
    public static long inRange(long value, long min, long max, String typeLabel) {
        if (value < min || value > max) {
            throw new ConversionFailure("out of range for " + typeLabel + " [" + min + ", " + max + "]");
        }
        return value;
    }

    /** The exact {@code long} value of an integral number or numeric text. */
    public static long toLong(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() > 63) {
                throw new ConversionFailure("out of range for Long");
            }
            return big.longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d >= -0x1p63 && d < 0x1p63 && d == Math.rint(d)) {
                return (long) d;
            }
            throw new ConversionFailure(Double.isFinite(d) && d == Math.rint(d) ? "out of range for Long"
                    : "not a whole number");
        }
        BigDecimal decimal = toBigDecimal(value);
        requireWhole(decimal);
        if (decimal.precision() - decimal.scale() > 19) {
            throw new ConversionFailure("out of range for Long");
        }
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException e) {
            throw new ConversionFailure("out of range for Long");
        }
    }

    /** The exact {@link BigInteger} value of an integral number or numeric text. */
    public static BigInteger toBigInteger(Object value) {
        if (value instanceof BigInteger) {
            return (BigInteger) value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        BigDecimal decimal = value instanceof Double || value instanceof Float
                ? exactBinary(((Number) value).doubleValue()) : toBigDecimal(value);
        requireWhole(decimal);
        if (decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
            throw new ConversionFailure("too large (more than " + MAX_INTEGER_DIGITS + " digits)");
        }
        return decimal.toBigIntegerExact();
    }

    /**
     * The exact {@link BigDecimal} value of a number or numeric text. A {@code double} or {@code float} is taken by its
     * shortest decimal representation ({@code 0.1} stays {@code 0.1}).
     */
    public static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new ConversionFailure("NaN and infinity have no exact decimal value");
            }
            return value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
        }
        if (value instanceof String) {
            try {
                return new BigDecimal(((String) value).trim());
            } catch (NumberFormatException e) {
                throw new ConversionFailure("not a number");
            }
        }
        throw new ConversionFailure("expected a number, got " + JavaTypes.describe(value));
    }

    /** {@code toPlainString()}, except for absurd exponents, which would expand to gigantic strings. */
    public static String plainText(BigDecimal value) {
        return Math.abs((long) value.scale()) > MAX_INTEGER_DIGITS ? value.toString() : value.toPlainString();
    }

    private static BigDecimal exactBinary(double d) {
        if (!Double.isFinite(d)) {
            throw new ConversionFailure("NaN and infinity are not whole numbers");
        }
        return new BigDecimal(d);
    }

    private static void requireWhole(BigDecimal decimal) {
        if (decimal.scale() > 0 && decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            throw new ConversionFailure("not a whole number (it has a fractional part)");
        }
    }

    private static Number number(Object value) {
        if (value instanceof Number) {
            return (Number) value;
        }
        throw new ConversionFailure("expected a number, got " + JavaTypes.describe(value));
    }

    private static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ConversionFailure("not a number");
        }
    }
}
