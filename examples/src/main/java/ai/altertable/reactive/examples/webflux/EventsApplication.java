package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * A Spring WebFlux service over the lakehouse: {@code POST /events} appends events through one shared, batching
 * appender, {@code GET /dau} streams daily active users as NDJSON or server-sent events (see {@link EventsController}).
 * The lakehouse beans come from altertable-spring-boot-starter and {@code application.properties}: no configuration
 * class.
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -DskipTests verify -pl examples -am
 * -Ddemo.main=ai.altertable.reactive.examples.webflux.EventsApplication}; it listens on port 8080. With
 * {@code ALTERTABLE_BASE_URL} (and credentials) in the environment, or {@code --altertable.base-url=...}, it uses that
 * lakehouse, whose {@code events} table must exist; otherwise it starts an embedded {@link AltertableMock} with the
 * table, and stops it after the application.
 *
 * <p><b>Stopping.</b> SIGTERM (or Ctrl-C) closes the application: the requests in progress finish, the events still
 * queued are written, the client closes, and the process exits with status 0 (without the signal handler the JVM
 * would exit with 143, 128 + SIGTERM, after its shutdown hooks).
 */
@SpringBootApplication
public class EventsApplication {

    /** Starts the service; see the class description. */
    public static void main(String[] args) {
        if (System.getenv(LakehouseClientOptions.ENV_BASE_URL) != null
                || Arrays.stream(args).anyMatch(a -> a.startsWith("--altertable.base-url"))) {
            ConfigurableApplicationContext context = SpringApplication.run(EventsApplication.class, args);
            exitOnSignals(() -> SpringApplication.exit(context));
            return;
        }
        AltertableMock mock = AltertableMock.builder().withoutFlight().start();
        try {
            createEventsTable(mock);
            SpringApplication app = new SpringApplication(EventsApplication.class);
            app.setDefaultProperties(Map.of(
                    "altertable.base-url", mock.baseUrl().toString(),
                    "altertable.credentials.username", AltertableMock.DEFAULT_USERNAME,
                    "altertable.credentials.password", AltertableMock.DEFAULT_PASSWORD));
            app.setRegisterShutdownHook(false); // closed below, before the mock, so that pending appends are written
            ConfigurableApplicationContext context = app.run(args);
            AtomicBoolean stopped = new AtomicBoolean();
            IntSupplier stop = () -> {
                if (!stopped.compareAndSet(false, true)) {
                    return 0;
                }
                int status = SpringApplication.exit(context);
                mock.close();
                return status;
            };
            Runtime.getRuntime().addShutdownHook(new Thread(stop::getAsInt, "events-service-shutdown"));
            exitOnSignals(stop);
            System.out.printf("events service on the embedded lakehouse %s%n", mock.baseUrl());
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
    }

    /**
     * On SIGTERM or SIGINT: runs {@code stop} (which closes the context: Boot's graceful shutdown, then the appenders,
     * then the client) and exits with the status it returns (0 unless an {@code ExitCodeGenerator} says otherwise).
     */
    // --8<-- [start:webflux-signals]
    static void exitOnSignals(IntSupplier stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(stop.getAsInt()));
            } catch (IllegalArgumentException ignoredByThisJvm) {
                // e.g. SIGINT of a background job, or -Xrs: the JVM's default handling stays
            }
        }
    }
    // --8<-- [end:webflux-signals]

    private static void createEventsTable(AltertableMock mock) {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            client.query(Event.CREATE_TABLE).blockLast();
        }
    }
}
