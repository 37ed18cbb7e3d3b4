package ai.altertable.reactive.rest.internal.ndjson;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw-byte line size check, against a byte-by-byte model of the same rule. */
class LineLengthGuardTest {

    /** The rule, one byte at a time: the index of the first byte that makes a line longer than max, or -1. */
    private static final class ByteByByte {
        final int max;
        long line;

        ByteByByte(int max) {
            this.max = max;
        }

        int admit(byte[] chunk) {
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    line = 0;
                } else if (++line > max) {
                    return i;
                }
            }
            return chunk.length;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneByteMoreIsCutAtThatByte() {
        assertThat(new LineLengthGuard(3).admit(ascii("abc\nabc\n"))).isEqualTo(8);
        assertThat(new LineLengthGuard(3).admit(ascii("abc"))).isEqualTo(3);
        assertThat(new LineLengthGuard(3).admit(ascii("ab\nabcd\n"))).isEqualTo(6);
        assertThat(new LineLengthGuard(3).admit(ascii("abcd"))).isEqualTo(3);
    }

    @Test
    void aLineIsCountedAcrossChunks() {
        LineLengthGuard guard = new LineLengthGuard(5);

        assertThat(guard.admit(ascii("x\nabc"))).isEqualTo(5);
        assertThat(guard.admit(ascii("de"))).isEqualTo(2);
        assertThat(guard.admit(ascii(""))).isEqualTo(0);
        assertThat(guard.admit(ascii("\n12345\n1"))).isEqualTo(8);
        assertThat(guard.admit(ascii("2345"))).isEqualTo(4);
        assertThat(guard.admit(ascii("6"))).isEqualTo(0);
    }

    @Test
    void aCarriageReturnCountsAsPartOfItsLine() {
        assertThat(new LineLengthGuard(3).admit(ascii("abc\r\n"))).isEqualTo(3);
        assertThat(new LineLengthGuard(4).admit(ascii("abc\r\n"))).isEqualTo(5);
    }

    @Test
    void agreesWithTheByteByByteRuleOnRandomInput() {
        Random random = new Random(7);
        for (int run = 0; run < 3_000; run++) {
            int max = 1 + random.nextInt(12);
            LineLengthGuard guard = new LineLengthGuard(max);
            ByteByByte model = new ByteByByte(max);
            int newlineOdds = 1 + random.nextInt(20);
            for (int c = 0; c < 30; c++) {
                byte[] chunk = new byte[random.nextInt(40)];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = random.nextInt(newlineOdds) == 0 ? (byte) '\n' : (byte) 'x';
                }
                int expected = model.admit(chunk);
                assertThat(guard.admit(chunk)).as("run %d chunk %d max %d", run, c, max).isEqualTo(expected);
                if (expected < chunk.length) {
                    break;
                }
            }
        }
    }

    @Test
    void aChunkInsideALargerArrayIsReadOnlyWithinItsBounds() {
        Random random = new Random(11);
        for (int run = 0; run < 3_000; run++) {
            int max = 1 + random.nextInt(12);
            LineLengthGuard guard = new LineLengthGuard(max);
            ByteByByte model = new ByteByByte(max);
            for (int c = 0; c < 30; c++) {
                byte[] chunk = new byte[random.nextInt(40)];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = random.nextInt(6) == 0 ? (byte) '\n' : (byte) 'x';
                }
                // the chunk in the middle of an array whose bytes around it would change the answer if read
                int before = random.nextInt(5);
                byte[] array = new byte[before + chunk.length + random.nextInt(5)];
                java.util.Arrays.fill(array, (byte) (random.nextBoolean() ? '\n' : 'y'));
                System.arraycopy(chunk, 0, array, before, chunk.length);
                int expected = model.admit(chunk);
                assertThat(guard.admit(array, before, chunk.length)).as("run %d chunk %d", run, c).isEqualTo(expected);
                if (expected < chunk.length) {
                    break;
                }
            }
        }
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new LineLengthGuard(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
