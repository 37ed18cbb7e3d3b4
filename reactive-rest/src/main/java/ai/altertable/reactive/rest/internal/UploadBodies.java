package ai.altertable.reactive.rest.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Request bodies for {@code /upload} and {@code /upsert}, streamed: a file is read in {@value #CHUNK}-byte chunks on
 * the bounded-elastic scheduler (file I/O blocks), only as fast as the connection accepts them, so memory stays
 * bounded whatever the file's size.
 */
public final class UploadBodies {

    static final int CHUNK = 64 * 1024;

    private UploadBodies() {
    }

    /** The file's bytes; the file is opened per subscription and closed when the body ends or is cancelled. */
    public static Flux<ByteBuf> fromFile(Path file) {
        return Flux.using(() -> FileChannel.open(file, StandardOpenOption.READ),
                        ch -> Flux.<ByteBuf>generate(sink -> {
                            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                            try {
                                int n = ch.read(buf);
                                if (n < 0) {
                                    sink.complete();
                                } else {
                                    buf.flip();
                                    sink.next(Unpooled.wrappedBuffer(buf));
                                }
                            } catch (IOException e) {
                                sink.error(new UncheckedIOException("cannot read " + file.getFileName(), e));
                            }
                        }),
                        UploadBodies::closeQuietly)
                .subscribeOn(Schedulers.boundedElastic(), true);
    }

    /** The caller's buffers, copied (the caller may reuse them once emitted). */
    public static Flux<ByteBuf> fromBuffers(Publisher<ByteBuffer> body) {
        return Flux.from(body).map(Unpooled::copiedBuffer);
    }

    /** {@code given}, else a type inferred from the file name, else {@code null} (the server sniffs the body). */
    public static String contentType(Path file, String given) {
        if (given != null) {
            return given;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "application/json";
        }
        if (name.endsWith(".parquet")) {
            return "application/parquet";
        }
        return null;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // reading is over; nothing to recover
        }
    }
}
