package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a request body to a temporary file ({@code /upload}, {@code /upsert}: no size limit, never held whole in
 * memory). Network buffers are retained, handed to the database scheduler for the blocking file write, and released
 * there; a few at a time are requested, so a slow disk slows the client through TCP. The caller deletes the file.
 */
final class BodyFiles {

    /** Buffers in flight between the event loop and the file writer. */
    private static final int PREFETCH = 8;

    private BodyFiles() {
    }

    static Mono<Path> toTempFile(HttpServerRequest req, Scheduler scheduler) {
        // DuckDB reads the path as a glob: the name must not contain '*', '?' or '['; createTempFile's names do not
        return Mono.fromCallable(() -> Files.createTempFile("altertable-mock-body", ".bin"))
                .subscribeOn(scheduler)
                .flatMap(path -> Mono.using(
                        () -> FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                        ch -> req.receive().retain()
                                .publishOn(scheduler, PREFETCH)
                                .doOnNext(buf -> write(ch, buf))
                                .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease)
                                .then(Mono.just(path)),
                        BodyFiles::closeQuietly)
                        .onErrorResume(e -> deleteQuietly(path).then(Mono.error(e))));
    }

    private static void write(FileChannel ch, ByteBuf buf) {
        try {
            while (buf.isReadable()) {
                buf.readBytes(ch, buf.readableBytes());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            buf.release();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the file is deleted by the caller anyway
        }
    }

    static Mono<Void> deleteQuietly(Path path) {
        return Mono.fromRunnable(() -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: a temp file
            }
        });
    }
}
