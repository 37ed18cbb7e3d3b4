package ai.altertable.reactive.spring.test;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the mock for one application context, seeds it, registers it as the {@code altertableMock} bean (closed when
 * the context closes, after every bean registered later, the clients included) and puts its addresses and credentials
 * first among the context's property sources. Equal customizers (same seed, same Flight switch) let Spring's context
 * cache share contexts, and so mocks.
 */
final class AltertableMockContextCustomizer implements ContextCustomizer {

    /** The bean name of the mock. */
    static final String BEAN_NAME = "altertableMock";
    /** The name of the property source holding the mock's settings. */
    static final String PROPERTY_SOURCE = "altertableMock";

    private final List<String> seed;
    private final boolean flight;

    AltertableMockContextCustomizer(String[] seed, boolean flight) {
        this.seed = List.copyOf(Arrays.asList(seed));
        this.flight = flight;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        AltertableMock.Builder builder = AltertableMock.builder();
        if (!flight) {
            builder.withoutFlight();
        }
        AltertableMock mock = builder.start();
        try {
            seed(mock);
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(BEAN_NAME, mock);
            if (!(beans instanceof DefaultSingletonBeanRegistry registry)) {
                throw new IllegalStateException("@AutoConfigureAltertableMock needs a bean factory that can close the "
                        + "mock after the clients; this context has a " + beans.getClass().getName());
            }
            registry.registerDisposableBean(BEAN_NAME, mock::close);
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                properties(mock)));
    }

    private Map<String, Object> properties(AltertableMock mock) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("altertable.base-url", mock.baseUrl().toString());
        p.put("altertable.credentials.username", AltertableMock.DEFAULT_USERNAME);
        p.put("altertable.credentials.password", AltertableMock.DEFAULT_PASSWORD);
        p.put("altertable.credentials.token", ""); // empty is unset: a token of the application's own would clash
        if (mock.hasFlight()) {
            p.put("altertable.flight.endpoint", mock.flightUri().toString());
        } else {
            p.put("altertable.flight.enabled", "false");
        }
        return p;
    }

    /** Runs the seed statements on the test thread (never a Reactor thread), one after the other. */
    private void seed(AltertableMock mock) {
        if (seed.isEmpty()) {
            return;
        }
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            for (String statement : seed) {
                client.query(statement).then().block();
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AltertableMockContextCustomizer other && seed.equals(other.seed) && flight == other.flight;
    }

    @Override
    public int hashCode() {
        return seed.hashCode() * 31 + Boolean.hashCode(flight);
    }
}
