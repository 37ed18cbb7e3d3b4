package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a request body to a temporary file ({@code /upload}, {@code /upsert}: no size limit, never held whole in
 * memory). Each network buffer is copied on the event loop (Reactor Netty releases it right after) and the copy is
 * written on the database scheduler; a few copies at a time are requested, so a slow disk slows the client through
 * TCP. No buffer is retained across threads, so a cancelled or failed upload (a client that hangs up mid-body) cannot
 * leak one. The caller deletes the file.
 */
final class BodyFiles {

    /** Chunks in flight between the event loop and the file writer. */
    private static final int PREFETCH = 8;

    private BodyFiles() {
    }

    static Mono<Path> toTempFile(HttpServerRequest req, Scheduler scheduler) {
        // DuckDB reads the path as a glob: the name must not contain '*', '?' or '['; createTempFile's names do not
        return Mono.fromCallable(() -> Files.createTempFile("altertable-mock-body", ".bin"))
                .subscribeOn(scheduler)
                .flatMap(path -> Mono.using(
                        () -> FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                        ch -> req.receive()
                                .map(BodyFiles::copy)
                                .publishOn(scheduler, PREFETCH)
                                .doOnNext(bytes -> write(ch, bytes))
                                .then(Mono.just(path)),
                        BodyFiles::closeQuietly)
                        .onErrorResume(e -> deleteQuietly(path).then(Mono.error(e))));
    }

    private static byte[] copy(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    private static void write(FileChannel ch, byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
