package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.spring.internal.FlightClientCloser;
import ai.altertable.reactive.spring.internal.FlightOptionsMapping;
import ai.altertable.reactive.spring.internal.SpringEnvironmentVariables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Arrow Flight SQL client when {@code reactive-flight} is on the class path: a
 * {@link LakehouseFlightClient} bean from the {@code altertable.*} properties ({@code altertable.flight.*} and the
 * shared credentials and retry policy). Each bean backs off when the application defines its own;
 * {@code altertable.flight.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(LakehouseFlightClient.class)
@ConditionalOnBooleanProperty(name = "altertable.flight.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AltertableProperties.class)
public class AltertableFlightAutoConfiguration {

    /**
     * The client, its options and what closes it, only when the application has no {@link LakehouseFlightClient} of
     * its own (an application's own {@link FlightClientOptions} bean is used by the client made here).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(LakehouseFlightClient.class)
    static class FlightClientConfiguration {

        /**
         * The Flight client's options: the properties, else the {@code ALTERTABLE_*} environment, then the context's
         * {@link ClientObservability} (Micrometer's, from {@code AltertableObservabilityAutoConfiguration}, or the
         * application's own), then every {@link FlightClientOptionsCustomizer}.
         *
         * @throws InvalidAltertablePropertyException when a property (or the environment) cannot configure the client
         */
        @Bean
        @ConditionalOnMissingBean
        FlightClientOptions altertableFlightClientOptions(AltertableProperties properties, Environment environment,
                                                          ObjectProvider<ClientObservability> observability,
                                                          ObjectProvider<FlightClientOptionsCustomizer> customizers) {
            FlightClientOptions.Builder builder = FlightOptionsMapping.builder(properties,
                    SpringEnvironmentVariables.of(environment, FlightClientOptions.ENV_ENDPOINT));
            observability.ifAvailable(builder::observability);
            customizers.orderedStream().forEach(c -> c.customize(builder));
            return FlightOptionsMapping.build(builder);
        }

        /** The application's Flight client; closed by {@link #altertableFlightClientCloser}. */
        @Bean(destroyMethod = "")
        LakehouseFlightClient lakehouseFlightClient(FlightClientOptions options) {
            return LakehouseFlightClient.create(options);
        }

        /** Closes the client when the context closes, never blocking a Reactor or Netty thread. */
        @Bean
        FlightClientCloser altertableFlightClientCloser(LakehouseFlightClient lakehouseFlightClient) {
            return new FlightClientCloser(lakehouseFlightClient);
        }
    }
}
