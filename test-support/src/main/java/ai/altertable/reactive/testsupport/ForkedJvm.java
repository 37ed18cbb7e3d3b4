package ai.altertable.reactive.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM with this test JVM's class path but <em>none</em> of its JVM options (so without
 * the {@code --add-opens} flag the build gives the tests), for tests of what a user sees when their JVM is set up
 * differently. The child's output goes to files, read once it exited.
 */
public final class ForkedJvm {

    private ForkedJvm() {
    }

    /** What the child printed, and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code main} with {@code args} and waits for it to exit.
     *
     * @param limit how long to wait before the child is killed and the test fails (only a hang should reach it)
     */
    public static Result run(Class<?> main, List<String> args, Duration limit) {
        return run(main, List.of(), args, limit);
    }

    /**
     * Runs {@code main} with {@code args}, in a JVM given {@code jvmOptions} only (for example the
     * {@code --add-opens} flag a Flight server needs), and waits for it to exit.
     *
     * @param limit how long to wait before the child is killed and the test fails (only a hang should reach it)
     */
    public static Result run(Class<?> main, List<String> jvmOptions, List<String> args, Duration limit) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("forked-jvm", ".out");
            Path err = Files.createTempFile("forked-jvm", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                env.remove("JDK_JAVA_OPTIONS"); // the child gets no JVM option from the environment either
                env.remove("JAVA_TOOL_OPTIONS");
                Process process = builder.start();
                process.getOutputStream().close(); // nothing on its standard input
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the forked JVM (" + main.getName() + ") did not exit within " + limit
                            + "\n--- stdout\n" + read(out) + "\n--- stderr\n" + read(err));
                }
                return new Result(process.exitValue(), read(out), read(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the forked JVM", e);
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
