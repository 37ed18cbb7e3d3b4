package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lakehouse beans alone, without a web server. */
@ExtendWith(AltertableMockExtension.class)
class LakehouseConfigurationTest {

    @Test
    void closingTheContextWritesTheEventsStillQueued(AltertableMock mock) {
        try (LakehouseClient direct = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            direct.query(Event.CREATE_TABLE).blockLast();

            new ApplicationContextRunner()
                    .withUserConfiguration(LakehouseConfiguration.class)
                    .withPropertyValues("altertable.base-url=" + mock.baseUrl(),
                            "altertable.username=" + AltertableMock.DEFAULT_USERNAME,
                            "altertable.password=" + AltertableMock.DEFAULT_PASSWORD)
                    .run(context -> {
                        @SuppressWarnings("unchecked")
                        TableAppender<Event> appender = (TableAppender<Event>) context.getBeanProvider(
                                ResolvableType.forClassWithGenerics(TableAppender.class, Event.class)).getObject();
                        for (int i = 0; i < 3; i++) {
                            appender.append(new Event(LocalDateTime.of(2026, 1, 1, 0, i), "u" + i, "x")).subscribe();
                        }
                    }); // closes the context right away: the appender's batch is still open or in flight

            // the appends were accepted before the context finished closing; the lakehouse applies them as tasks
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    direct.query("SELECT count(*) AS n FROM events").map(r -> r.getLong("n")).blockLast())
                    .isEqualTo(3));
        }
    }

    @Test
    void anIncompleteUserIsAConfigurationError() {
        new ApplicationContextRunner()
                .withUserConfiguration(LakehouseConfiguration.class)
                .withPropertyValues("altertable.base-url=http://127.0.0.1:9", "altertable.username=alice")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("password is missing"));
    }
}
