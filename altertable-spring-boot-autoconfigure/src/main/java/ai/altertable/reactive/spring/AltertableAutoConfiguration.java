package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.TableAppender;
import ai.altertable.reactive.spring.internal.RestOptionsMapping;
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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Auto-configuration of the Lakehouse REST client from the {@code altertable.*} properties
 * ({@link AltertableProperties}): a {@link LakehouseClient} bean, the appenders declared under
 * {@code altertable.appenders} ({@link TableAppenders}), and the graceful close of every {@link TableAppender} of the
 * context before the client closes ({@link AppendersShutdown}). Each bean backs off when the application defines its
 * own; {@code altertable.rest.enabled=false} turns the client off. The Flight SQL client is configured by
 * {@link AltertableFlightAutoConfiguration}.
 */
@AutoConfiguration
@ConditionalOnClass(LakehouseClient.class)
@ConditionalOnBooleanProperty(name = "altertable.rest.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AltertableProperties.class)
public class AltertableAutoConfiguration {

    /**
     * The client and its options, only when the application has no {@link LakehouseClient} of its own (an
     * application's own {@link LakehouseClientOptions} bean is used by the client made here).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(LakehouseClient.class)
    static class ClientConfiguration {

        /**
         * The REST client's options: the properties, else the {@code ALTERTABLE_*} environment, then the context's
         * {@link ClientObservability} (Micrometer's, from {@code AltertableObservabilityAutoConfiguration}, or the
         * application's own), then every {@link LakehouseClientOptionsCustomizer}.
         *
         * @throws InvalidAltertablePropertyException when a property (or the environment) cannot configure the client
         */
        @Bean
        @ConditionalOnMissingBean
        LakehouseClientOptions altertableClientOptions(AltertableProperties properties, Environment environment,
                                                       ObjectProvider<ClientObservability> observability,
                                                       ObjectProvider<LakehouseClientOptionsCustomizer> customizers) {
            LakehouseClientOptions.Builder builder = RestOptionsMapping.builder(properties,
                    SpringEnvironmentVariables.of(environment, LakehouseClientOptions.ENV_BASE_URL));
            observability.ifAvailable(builder::observability);
            customizers.orderedStream().forEach(c -> c.customize(builder));
            return RestOptionsMapping.build(builder);
        }

        /** The application's REST client, one connection pool; closed (without blocking) when the context closes. */
        @Bean(destroyMethod = "close")
        LakehouseClient lakehouseClient(LakehouseClientOptions options) {
            return LakehouseClient.create(options);
        }
    }

    /** The appenders declared under {@code altertable.appenders}; none when none is declared. */
    @Bean
    @ConditionalOnMissingBean
    public TableAppenders altertableTableAppenders(LakehouseClient client, AltertableProperties properties) {
        return TableAppenders.create(client, properties);
    }

    /**
     * Closes the appenders of {@link TableAppenders} and every {@link TableAppender} bean gracefully when the context
     * stops, before the clients close.
     */
    @Bean
    @ConditionalOnMissingBean
    public AppendersShutdown altertableAppendersShutdown(ObjectProvider<TableAppenders> declared,
                                                         ObjectProvider<TableAppender<?>> beans) {
        return new AppendersShutdown(() -> {
            Set<TableAppender<?>> all = new LinkedHashSet<>();
            declared.orderedStream().forEach(d -> all.addAll(d.all()));
            beans.orderedStream().forEach(all::add);
            return new ArrayList<>(all);
        });
    }

}
