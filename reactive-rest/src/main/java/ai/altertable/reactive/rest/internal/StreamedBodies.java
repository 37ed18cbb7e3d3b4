package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.rest.RowFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Request bodies encoded on the fly from rows: each row becomes one NDJSON or CSV line, and lines are packed into
 * chunks of about {@value #CHUNK} bytes. The rows are requested only as fast as the connection takes the chunks, so
 * memory stays bounded whatever the source's size. Also counts the bytes handed to the connection, for progress.
 */
public final class StreamedBodies {

    static final int CHUNK = 64 * 1024;

    private StreamedBodies() {
    }

    /** The encoded body of {@code rows}; the source is subscribed once per subscription of the result. */
    public static Flux<ByteBuf> encode(Publisher<?> rows, RowFormat format) {
        return Flux.defer(() -> {
            Flux<byte[]> lines = format == RowFormat.NDJSON
                    ? Flux.from(rows).map(RowEncoding::ndjsonLine)
                    : csvLines(rows);
            return pack(lines);
        });
    }

    private static Flux<byte[]> csvLines(Publisher<?> rows) {
        List<String>[] fields = new List[1];
        return Flux.from(rows).map(row -> {
            if (fields[0] == null) {
                fields[0] = RowEncoding.fields(row);
                byte[] header = RowEncoding.csvHeader(fields[0]);
                byte[] first = RowEncoding.csvLine(row, fields[0]);
                byte[] both = new byte[header.length + first.length];
                System.arraycopy(header, 0, both, 0, header.length);
                System.arraycopy(first, 0, both, header.length, first.length);
                return both;
            }
            return RowEncoding.csvLine(row, fields[0]);
        });
    }

    /** Packs lines into chunks of about {@value #CHUNK} bytes (a longer line is a chunk of its own). */
    private static Flux<ByteBuf> pack(Flux<byte[]> lines) {
        long[] pending = {0};
        return lines.bufferUntil(line -> {
                    pending[0] += line.length;
                    if (pending[0] >= CHUNK) {
                        pending[0] = 0;
                        return true;
                    }
                    return false;
                })
                .map(StreamedBodies::join);
    }

    private static ByteBuf join(List<byte[]> lines) {
        int size = 0;
        for (byte[] l : lines) {
            size += l.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] l : lines) {
            System.arraycopy(l, 0, out, at, l.length);
            at += l.length;
        }
        return Unpooled.wrappedBuffer(out);
    }

    /** Reports the cumulative bytes of {@code body} as they are handed to the connection. */
    public static Flux<ByteBuf> withProgress(Flux<ByteBuf> body, LongConsumer progress) {
        if (progress == null) {
            return body;
        }
        return Flux.defer(() -> {
            AtomicLong sent = new AtomicLong();
            return body.doOnNext(b -> progress.accept(sent.addAndGet(b.readableBytes())));
        });
    }
}
