package ai.altertable.reactive.spring.health;

import ai.altertable.reactive.spring.AltertableAutoConfiguration;
import ai.altertable.reactive.spring.AltertableFlightAutoConfiguration;
import ai.altertable.reactive.spring.AltertableProperties;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.util.ClassUtils;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code altertable} health contributor, when Spring Boot's health support is on the class path (the actuator)
 * and the context has a client: one reactive indicator per client bean, {@code rest}
 * ({@link LakehouseClientHealthIndicator}) and {@code flight} ({@link FlightClientHealthIndicator}), each bounded by
 * {@code altertable.health.timeout}. A context with several clients of a kind gets one indicator per bean, named after
 * the bean. {@code management.health.altertable.enabled=false} turns it off.
 */
@AutoConfiguration(after = {AltertableAutoConfiguration.class, AltertableFlightAutoConfiguration.class})
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("altertable")
@Conditional(AltertableHealthAutoConfiguration.OnClientBean.class)
@EnableConfigurationProperties(AltertableProperties.class)
public class AltertableHealthAutoConfiguration {

    private static final String REST_CLIENT = "ai.altertable.reactive.rest.LakehouseClient";
    private static final String FLIGHT_CLIENT = "ai.altertable.reactive.flight.LakehouseFlightClient";

    /** {@code altertable}: {@code rest} and {@code flight}, for the clients the context has. */
    @Bean
    @ConditionalOnMissingBean(name = "altertableHealthContributor")
    public CompositeReactiveHealthContributor altertableHealthContributor(ListableBeanFactory beans,
                                                                          AltertableProperties properties) {
        Duration timeout = properties.health().timeout();
        Map<String, ReactiveHealthContributor> indicators = new LinkedHashMap<>();
        ClassLoader loader = AltertableHealthAutoConfiguration.class.getClassLoader();
        if (ClassUtils.isPresent(REST_CLIENT, loader)) {
            RestHealth.add(indicators, beans, timeout);
        }
        if (ClassUtils.isPresent(FLIGHT_CLIENT, loader)) {
            FlightHealth.add(indicators, beans, timeout);
        }
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }

    static <C> void add(Map<String, ReactiveHealthContributor> into, String kind, Map<String, C> clients,
                        Function<C, ReactiveHealthIndicator> indicator) {
        clients.forEach((name, client) -> into.put(clients.size() == 1 ? kind : name, indicator.apply(client)));
    }

    /** Only loaded when reactive-rest is on the class path. */
    private static final class RestHealth {
        static void add(Map<String, ReactiveHealthContributor> into, ListableBeanFactory beans, Duration timeout) {
            AltertableHealthAutoConfiguration.add(into, "rest",
                    beans.getBeansOfType(ai.altertable.reactive.rest.LakehouseClient.class),
                    c -> new LakehouseClientHealthIndicator(c, timeout));
        }
    }

    /** Only loaded when reactive-flight is on the class path. */
    private static final class FlightHealth {
        static void add(Map<String, ReactiveHealthContributor> into, ListableBeanFactory beans, Duration timeout) {
            AltertableHealthAutoConfiguration.add(into, "flight",
                    beans.getBeansOfType(ai.altertable.reactive.flight.LakehouseFlightClient.class),
                    c -> new FlightClientHealthIndicator(c, timeout));
        }
    }

    /** The context has a REST or a Flight client bean. */
    static final class OnClientBean extends AnyNestedCondition {

        OnClientBean() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(type = REST_CLIENT)
        static final class RestClient {
        }

        @ConditionalOnBean(type = FLIGHT_CLIENT)
        static final class FlightClient {
        }
    }
}
