package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in its own JVM, stopped as an orchestrator stops it: SIGTERM. It exits with status 0, without a stack
 * trace, and what it accepted is in the lakehouse.
 */
class EventsApplicationSigtermTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void sigtermClosesTheServiceAndExitsWithZero() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start();
             LakehouseClient direct = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            direct.query(Event.CREATE_TABLE).blockLast(WAIT);
            int port = freePort();
            Path out = Files.createTempFile("events-service", ".out");
            Path err = Files.createTempFile("events-service", ".err");
            Process service = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EventsApplication.class.getName(),
                    "--altertable.base-url=" + mock.baseUrl(),
                    "--altertable.credentials.username=" + AltertableMock.DEFAULT_USERNAME,
                    "--altertable.credentials.password=" + AltertableMock.DEFAULT_PASSWORD,
                    "--server.port=" + port))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + port);
                await().atMost(WAIT).ignoreExceptions().until(() -> http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.resolve("/events"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"timestamp\": \"2019-07-01T10:00:00\", \"user_id\": \"u-9\", \"event\": \"signup\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

                service.destroy(); // SIGTERM
                assertThat(service.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
            } finally {
                service.destroyForcibly();
            }
            String stderr = Files.readString(err);
            assertThat(service.exitValue()).as(stderr).isZero();
            assertThat(stderr).doesNotContain("Exception");
            await().atMost(WAIT).untilAsserted(() -> assertThat(direct.query(
                    "SELECT count(*) FROM events WHERE event = 'signup'").map(r -> r.getLong(0)).blockLast(WAIT))
                    .isEqualTo(1L));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
