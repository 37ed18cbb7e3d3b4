package ai.altertable.reactive.benchmarks.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ReplayServer} in a JVM of its own, for the section that opens more connections than one process may hold
 * both ends of (each loopback connection is a file descriptor on either side, and the limit is per process). It serves
 * one replayed body, {@code replay <name>}; its counters are read over HTTP. The child process ends when this is closed
 * or when the parent dies (it exits at the end of its standard input).
 */
public final class ReplayProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI baseUrl;
    private final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ReplayProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts a child JVM (this JVM's java and class path, {@code -Xmx256m}) serving {@code rows} rows as {@code name}. */
    public static ReplayProcess start(String name, int rows) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseG1GC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), name, Integer.toString(rows)));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("replay-server ")) {
                p.destroyForcibly();
                throw new IllegalStateException("the replay server process did not start: " + line);
            }
            return new ReplayProcess(p, URI.create(line.substring("replay-server ".length()).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The server process's id, for reports. */
    public long pid() {
        return process.pid();
    }

    public long queries() {
        return stats().get("queries").asLong();
    }

    public int maxConnectionsOpen() {
        return stats().get("maxConnectionsOpen").asInt();
    }

    public int connectionsOpen() {
        return stats().get("connectionsOpen").asInt();
    }

    /** Resets the request and connection counters (not the open connections). */
    public void resetCounters() {
        send(HttpRequest.newBuilder(baseUrl.resolve("/replay/reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode stats() {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/replay/stats")).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = control.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("replay server control: " + res.statusCode() + " " + res.body());
            }
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the child's end of input: it closes its server and exits
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child process: {@code <name> <rows>}; prints {@code replay-server <base url>}, serves until stdin ends. */
    public static final class Main {

        private Main() {
        }

        public static void main(String[] args) throws IOException {
            try (ReplayServer server = ReplayServer.start().addBody(args[0], NdjsonRows.body(Integer.parseInt(args[1])))) {
                System.out.println("replay-server " + server.baseUrl());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our input (or to die)
                }
            }
        }
    }
}
