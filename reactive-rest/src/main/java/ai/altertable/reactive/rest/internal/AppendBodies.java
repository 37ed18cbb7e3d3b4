package ai.altertable.reactive.rest.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * The body of one {@code POST /append} of a batch: {@code [row,row,...]} from rows encoded by {@link RowEncoder} or
 * {@link RowEncoding#json(Object)}, written straight into one direct buffer the size of the body, which the transport
 * sends as it is (no copy of the body to send it). Runs of {@link JsonRow}s that lie one after another in an array,
 * commas included, are copied at once; small rows are gathered in blocks first.
 */
public final class AppendBodies {

    private AppendBodies() {
    }

    /** The bytes an encoded row ({@code byte[]} or {@link JsonRow}) adds to a body: the row and one separator. */
    public static int size(Object encoded) {
        return encoded instanceof JsonRow ? ((JsonRow) encoded).length() + 1 : ((byte[]) encoded).length + 1;
    }

    /**
     * The body of {@code rows}, whose {@link #size}s add up to {@code bytes}, in a new buffer from {@code alloc}, owned
     * by the caller.
     */
    public static ByteBuf body(List<?> rows, long bytes, ByteBufAllocator alloc) {
        ByteBuf out = alloc.directBuffer((int) Math.max(2, bytes + 1));
        try {
            Staging stage = new Staging(out);
            stage.add((byte) '[');
            int n = rows.size();
            for (int i = 0; i < n; ) {
                if (i > 0) {
                    stage.add((byte) ',');
                }
                Object row = rows.get(i++);
                if (row instanceof JsonRow) {
                    JsonRow first = (JsonRow) row;
                    JsonRow last = first;
                    while (i < n && rows.get(i) instanceof JsonRow && last.continuedBy((JsonRow) rows.get(i))) {
                        last = (JsonRow) rows.get(i++);
                    }
                    stage.add(first.array(), first.offset(), last.offset() + last.length() - first.offset());
                } else {
                    byte[] b = (byte[]) row;
                    stage.add(b, 0, b.length);
                }
            }
            stage.add((byte) ']');
            stage.flush();
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * Small pieces (rows, separators) are gathered in a heap array and written to the buffer in blocks: one buffer
     * write per piece would cost more than the copy itself; large pieces go straight to the buffer.
     */
    private static final class Staging {

        private static final int BLOCK = 32 * 1024;

        private final ByteBuf out;
        private final byte[] block = new byte[BLOCK];
        private int length;

        Staging(ByteBuf out) {
            this.out = out;
        }

        void add(byte b) {
            if (length == BLOCK) {
                flush();
            }
            block[length++] = b;
        }

        void add(byte[] bytes, int offset, int count) {
            if (count > BLOCK - length) {
                flush();
                if (count > BLOCK / 2) {
                    out.writeBytes(bytes, offset, count);
                    return;
                }
            }
            System.arraycopy(bytes, offset, block, length, count);
            length += count;
        }

        void flush() {
            out.writeBytes(block, 0, length);
            length = 0;
        }
    }
}
