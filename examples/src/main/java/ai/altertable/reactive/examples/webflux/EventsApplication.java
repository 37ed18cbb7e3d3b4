package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.Map;

/**
 * A Spring WebFlux service over the lakehouse: {@code POST /events} appends events through one shared, batching
 * appender, {@code GET /dau} streams daily active users as NDJSON or server-sent events (see
 * {@link EventsController}, {@link LakehouseConfiguration}).
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -DskipTests verify -pl examples -am
 * -Ddemo.main=ai.altertable.reactive.examples.webflux.EventsApplication}; it listens on port 8080 until Ctrl-C. With
 * {@code ALTERTABLE_BASE_URL} (and credentials) in the environment, or {@code --altertable.base-url=...}, it uses that
 * lakehouse, whose {@code events} table must exist; otherwise it starts an embedded {@link AltertableMock} with the
 * table, and stops it after the application.
 */
@SpringBootApplication
public class EventsApplication {

    /** Starts the service; see the class description. */
    public static void main(String[] args) {
        if (System.getenv(LakehouseClientOptions.ENV_BASE_URL) != null
                || Arrays.stream(args).anyMatch(a -> a.startsWith("--altertable.base-url"))) {
            SpringApplication.run(EventsApplication.class, args);
            return;
        }
        AltertableMock mock = AltertableMock.start();
        try {
            createEventsTable(mock);
            SpringApplication app = new SpringApplication(EventsApplication.class);
            app.setDefaultProperties(Map.of(
                    "altertable.base-url", mock.baseUrl().toString(),
                    "altertable.username", AltertableMock.DEFAULT_USERNAME,
                    "altertable.password", AltertableMock.DEFAULT_PASSWORD));
            app.setRegisterShutdownHook(false); // closed below, before the mock, so that pending appends are written
            ConfigurableApplicationContext context = app.run(args);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                mock.close();
            }, "events-service-shutdown"));
            System.out.printf("events service on the embedded lakehouse %s%n", mock.baseUrl());
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
    }

    private static void createEventsTable(AltertableMock mock) {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            client.query(Event.CREATE_TABLE).blockLast();
        }
    }
}
