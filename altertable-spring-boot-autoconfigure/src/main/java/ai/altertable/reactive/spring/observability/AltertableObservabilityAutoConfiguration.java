package ai.altertable.reactive.spring.observability;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.micrometer.AltertableObservationConvention;
import ai.altertable.reactive.micrometer.MicrometerObservability;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

/**
 * The clients' Micrometer metrics and observations, when {@code reactive-micrometer} is on the class path and the
 * context has a {@code MeterRegistry}, an {@code ObservationRegistry} or both (Spring Boot's actuator makes them): a
 * {@link MicrometerObservability} bean over whichever of the two exists (the unique or {@code @Primary} one), which the
 * Altertable auto-configurations hand to the REST and Flight clients' options. An application's own
 * {@link ClientObservability} bean replaces it; {@code altertable.observability.enabled=false} turns it off. An
 * {@link AltertableObservationConvention} bean, when there is one, names the observations.
 * <p>
 * Ordered after Spring Boot's meter-registry and observation-registry auto-configurations (named, not referenced:
 * neither module is needed), so that their registries are known when the conditions are evaluated.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({MicrometerObservability.class, MeterRegistry.class, ObservationRegistry.class})
@ConditionalOnBooleanProperty(name = "altertable.observability.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AltertableObservabilityProperties.class)
public class AltertableObservabilityAutoConfiguration {

    /**
     * The clients' observability over the context's registries.
     *
     * @throws org.springframework.beans.factory.NoUniqueBeanDefinitionException when the context has several registries
     *                                                                           of a kind and none is primary
     */
    @Bean
    @ConditionalOnMissingBean(ClientObservability.class)
    @Conditional(OnRegistryBean.class)
    public MicrometerObservability altertableObservability(AltertableObservabilityProperties properties,
                                                           ObjectProvider<MeterRegistry> meterRegistry,
                                                           ObjectProvider<ObservationRegistry> observationRegistry,
                                                           ObjectProvider<AltertableObservationConvention> convention) {
        return MicrometerObservability.builder()
                .meterRegistry(meterRegistry.getIfAvailable())
                .observationRegistry(observationRegistry.getIfAvailable())
                .observationConvention(convention.getIfAvailable())
                .tableTag(properties.tableTag())
                .sqlText(properties.sqlText())
                .percentileHistograms(properties.percentileHistograms())
                .build();
    }

    /** The context has a {@code MeterRegistry} or an {@code ObservationRegistry}. */
    static final class OnRegistryBean extends AnyNestedCondition {

        OnRegistryBean() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(MeterRegistry.class)
        static final class Meters {
        }

        @ConditionalOnBean(ObservationRegistry.class)
        static final class Observations {
        }
    }
}
