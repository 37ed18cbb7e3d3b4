package ai.altertable.reactive.mock;

import ai.altertable.reactive.core.Credentials;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a forked JVM by {@link SafeDefaultsTest}: the standalone mock's own {@link AltertableMockMain#main} (no user,
 * so a generated password) on a thread, then, once its ready line is out, a refused and an accepted request over REST
 * with the password read from that line, and a stop as Ctrl-C would (the shutdown hook closes the mock), so that the
 * test reads every line the process wrote, logs of the start, the requests and the stop included.
 */
public final class SafeDefaultsStartup {

    private static final String READY = "altertable-mock ready:";

    private SafeDefaultsStartup() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<String> ready = new CompletableFuture<>();
        System.setOut(new PrintStream(new ReadyLineTee(System.out, ready), true, StandardCharsets.UTF_8));
        Thread mock = new Thread(() -> {
            try {
                AltertableMockMain.main(args);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "altertable-mock-main");
        mock.setDaemon(true);
        mock.start();
        String line = ready.get(2, TimeUnit.MINUTES);
        URI lakehouse = URI.create(field(line, "lakehouse"));
        String password = field(line, "password");
        RawHttp http = new RawHttp(lakehouse, Credentials.basic(AltertableMock.DEFAULT_USERNAME, password)
                .authorizationHeader());
        if (http.as("Basic eDp5").sql("SELECT 1").status() != 401) {
            throw new AssertionError("a wrong password was accepted");
        }
        if (!http.sql("SELECT 42 AS answer").lines().get(2).equals("[42]")) {
            throw new AssertionError("the generated password was refused");
        }
        System.err.println("SafeDefaultsStartup: done");
        System.exit(0); // runs the mock's shutdown hook, as SIGTERM does
    }

    private static String field(String readyLine, String name) {
        for (String part : readyLine.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + "= in the ready line: " + readyLine);
    }

    /** Passes standard output through and completes {@code ready} with the first line that starts with the marker. */
    private static final class ReadyLineTee extends OutputStream {
        private final PrintStream out;
        private final CompletableFuture<String> ready;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        ReadyLineTee(PrintStream out, CompletableFuture<String> ready) {
            this.out = out;
            this.ready = ready;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.startsWith(READY)) {
                ready.complete(text);
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
