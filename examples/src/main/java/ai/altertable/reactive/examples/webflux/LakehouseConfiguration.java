package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.CoalescingAppender.Overflow;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.TableAppender;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The service's two lakehouse beans: one {@link LakehouseClient} (one connection pool for the whole application) and
 * one shared {@link TableAppender} for the {@code events} table, which coalesces the single-event appends of all
 * concurrent requests into a few {@code POST /append} batches.
 *
 * <p><b>Shutdown.</b> Spring calls {@link TableAppender#closeGracefully()} and waits for the {@code Mono} it returns
 * (Spring Framework 6.1+ awaits reactive destroy methods): the rows still queued are written before the client's pool
 * is closed. Boot's graceful web-server shutdown lets the requests in progress finish first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AltertableProperties.class)
public class LakehouseConfiguration {

    /** Rows queued or in flight at most; past that, {@code POST /events} answers 503. */
    static final int APPENDER_CAPACITY = 10_000;

    /** The client, from the {@code altertable.*} properties, or else from the environment. */
    // --8<-- [start:webflux-client]
    @Bean(destroyMethod = "close")
    LakehouseClient lakehouseClient(AltertableProperties properties) {
        LakehouseClientOptions.Builder options = LakehouseClientOptions.builder().userAgent("events-service");
        if (properties.baseUrl() != null) {
            options.baseUrl(properties.baseUrl());     // else ALTERTABLE_BASE_URL, else production
        }
        if (properties.username() != null) {
            options.credentials(Credentials.basic(properties.username(), properties.password()));
        }                                              // else ALTERTABLE_LAKEHOUSE_USERNAME/_PASSWORD, ...
        return LakehouseClient.create(options.build());
    }
    // --8<-- [end:webflux-client]

    /** The shared appender: batches of up to 1,000 events, sent at the latest 20 ms after their first event. */
    // --8<-- [start:webflux-appender]
    @Bean(destroyMethod = "closeGracefully")           // Spring waits for the returned Mono
    TableAppender<Event> eventAppender(LakehouseClient client) {
        BatchingOptions batching = BatchingOptions.builder()
                .maxRows(1_000)
                .linger(Duration.ofMillis(20))
                .build();
        return client.appender(AppendOptions.of(Event.TABLE), batching, APPENDER_CAPACITY, Overflow.FAIL);
    }
    // --8<-- [end:webflux-appender]
}
