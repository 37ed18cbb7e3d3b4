package ai.altertable.reactive.testsupport;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the secrets tests of the REST and Flight clients share: running an error path, the full text of the error it
 * ended with, and a tee that keeps the log output visible while it is captured for searching.
 */
public final class SecretProbes {

    private SecretProbes() {
    }

    /** Subscribes and records the error the publisher ends with; a publisher that succeeds is a test failure. */
    public static void run(Map<String, Throwable> errors, String what, Supplier<? extends Publisher<?>> call) {
        try {
            Flux.from(call.get()).blockLast(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            errors.put(what, e);
            return;
        }
        throw new AssertionError(what + " did not fail");
    }

    /**
     * Messages, {@code toString}s and the printed stack trace of a throwable and its causes, plus what
     * {@code details} adds for each of them (an error context, say; {@code null} adds nothing).
     */
    public static String everything(Throwable t, Function<Throwable, Object> details) {
        StringBuilder b = new StringBuilder();
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        b.append(trace);
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append('\n').append(c.getMessage()).append('\n').append(c);
            Object extra = details.apply(c);
            if (extra != null) {
                b.append('\n').append(extra);
            }
        }
        return b.toString();
    }

    /** Writes to {@code original} and to {@code capture} (which may be shared by several tees). */
    public static OutputStream tee(OutputStream original, OutputStream capture) {
        return new Tee(original, capture);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }
    }
}
