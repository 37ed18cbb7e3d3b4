package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * numeric's binary format: Int16 count of base-10000 digits, Int16 weight (of the first digit), Int16 sign
 * (0x0000 positive, 0x4000 negative, 0xC000 NaN), Int16 display scale, then the digits, most significant first.
 */
final class PgNumeric {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final BigInteger BASE = BigInteger.valueOf(10_000);

    private PgNumeric() {
    }

    static void write(BigDecimal value, ByteBuf out) {
        int scale = Math.max(0, value.scale());
        // the unscaled value at a scale that is a multiple of 4 splits into whole base-10000 digits
        int padded = (scale + 3) / 4 * 4;
        BigInteger unscaled = value.abs().setScale(padded).unscaledValue();
        java.util.ArrayDeque<Integer> digits = new java.util.ArrayDeque<>();
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(BASE);
            digits.addFirst(qr[1].intValue());
            unscaled = qr[0];
        }
        int weight = digits.size() - padded / 4 - 1;
        while (!digits.isEmpty() && digits.peekLast() == 0) {
            digits.removeLast();
        }
        while (!digits.isEmpty() && digits.peekFirst() == 0) {
            digits.removeFirst();
            weight--;
        }
        out.writeShort(digits.size());
        out.writeShort(digits.isEmpty() ? 0 : weight);
        out.writeShort(value.signum() < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(scale);
        digits.forEach(out::writeShort);
    }

    static Object read(ByteBuf in) {
        int count = in.readShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int scale = in.readUnsignedShort();
        if (sign == NAN) {
            return Double.NaN;
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            unscaled = unscaled.multiply(BASE).add(BigInteger.valueOf(in.readShort()));
        }
        // digits d0..d(count-1) with weight w: value = unscaled * 10000^(w - count + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - count + 1));
        v = v.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        return sign == NEGATIVE ? v.negate() : v;
    }
}
