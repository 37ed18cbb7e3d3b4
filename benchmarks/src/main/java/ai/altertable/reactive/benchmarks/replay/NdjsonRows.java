package ai.altertable.reactive.benchmarks.replay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark result set, as the NDJSON body of {@code POST /query}: a metadata line, a typed columns line, then rows
 * like {@code [42431130,"checkout-service",312.5,false,null]} (about 43 bytes each, as in the build notes §5).
 *
 * <p>Row {@code i} is a pure function of {@code i}, so a body can be pre-generated ({@link #body(int)}) or generated on
 * the fly ({@link #writeRows}), and {@link #expectedChecksum(long)} gives what a reader touching every cell must get.
 */
public final class NdjsonRows {

    /** Column names and DuckDB types, as the server's columns line gives them. */
    public static final String COLUMNS_LINE = "[{\"name\":\"id\",\"type\":\"BIGINT\"},"
            + "{\"name\":\"service\",\"type\":\"VARCHAR\"},{\"name\":\"ms\",\"type\":\"DOUBLE\"},"
            + "{\"name\":\"ok\",\"type\":\"BOOLEAN\"},{\"name\":\"note\",\"type\":\"VARCHAR\"}]\n";

    static final long FIRST_ID = 42_431_130L;
    static final String[] SERVICES = {"checkout-service", "payments-api", "search", "inventory-sync"};
    private static final String[] FRACTIONS = {".5", ".25", ".75", ".0"};
    private static final byte[][] SERVICE_CELLS = new byte[SERVICES.length][];

    static {
        for (int i = 0; i < SERVICES.length; i++) {
            SERVICE_CELLS[i] = (",\"" + SERVICES[i] + "\",").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] TRUE_CELL = "true,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE_CELL = "false,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_END = "null]\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTE_END = "\"retry\"]\n".getBytes(StandardCharsets.US_ASCII);

    private NdjsonRows() {
    }

    /** The metadata and columns lines. */
    public static byte[] head(String queryId) {
        return ("{\"statement\":\"replay\",\"session_id\":\"replay\",\"query_id\":\"" + queryId
                + "\",\"worker_slug\":\"replay\"}\n" + COLUMNS_LINE).getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole body of {@code rows} rows, in memory. */
    public static byte[] body(int rows) {
        ByteBuf buf = Unpooled.buffer(rows * 48 + 512);
        try {
            buf.writeBytes(head("replay"));
            writeRows(buf, 0, rows);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Appends rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static void writeRows(ByteBuf out, long from, long to) {
        for (long i = from; i < to; i++) {
            writeRow(out, i);
        }
    }

    private static void writeRow(ByteBuf out, long i) {
        out.writeByte('[');
        ByteBufUtil.writeAscii(out, Long.toString(FIRST_ID + i));
        out.writeBytes(SERVICE_CELLS[(int) (i % SERVICES.length)]);
        ByteBufUtil.writeAscii(out, Long.toString(msWhole(i)));
        ByteBufUtil.writeAscii(out, FRACTIONS[(int) (i % FRACTIONS.length)]);
        out.writeByte(',');
        out.writeBytes(ok(i) ? TRUE_CELL : FALSE_CELL);
        out.writeBytes(note(i) == null ? NULL_END : NOTE_END);
    }

    private static long msWhole(long i) {
        return (i * 7) % 1000;
    }

    private static double ms(long i) {
        return Double.parseDouble(msWhole(i) + FRACTIONS[(int) (i % FRACTIONS.length)]);
    }

    private static boolean ok(long i) {
        return i % 3 == 0;
    }

    private static String note(long i) {
        return i % 16 == 0 ? "retry" : null;
    }

    /** The checksum of rows {@code 0..rows-1}, computed without any JSON. */
    public static long expectedChecksum(long rows) {
        CellChecksum sum = new CellChecksum();
        for (long i = 0; i < rows; i++) {
            sum.add(FIRST_ID + i, SERVICES[(int) (i % SERVICES.length)], ms(i), ok(i), note(i));
        }
        return sum.value();
    }
}
