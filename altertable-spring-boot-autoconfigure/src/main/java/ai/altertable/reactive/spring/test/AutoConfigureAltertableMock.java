package ai.altertable.reactive.spring.test;

import ai.altertable.reactive.spring.AltertableAutoConfiguration;
import ai.altertable.reactive.spring.AltertableFlightAutoConfiguration;
import ai.altertable.reactive.spring.health.AltertableHealthAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded {@code AltertableMock} (reactive-mock) for the test's application context and points the
 * auto-configured clients at it: {@code altertable.base-url}, {@code altertable.flight.endpoint} and the credentials
 * are set to the mock's, above every other property source. Works with {@code @SpringBootTest} and with test slices
 * (it imports the Altertable auto-configuration).
 *
 * <p>One mock per application context: tests that share a context (same configuration, Spring's context cache) share
 * the mock, and it is closed when the context closes, after the clients. The mock is a bean: inject
 * {@code AltertableMock} to look at what it saw. {@link #seed()} runs once, when the mock starts.
 *
 * <p>The mock's Flight SQL endpoint needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} in the test JVM (for
 * Surefire: {@code <argLine>--add-opens=java.base/java.nio=ALL-UNNAMED</argLine>}); without it the mock refuses to start
 * and says so. {@code flight = false} needs no flag.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration({AltertableAutoConfiguration.class, AltertableFlightAutoConfiguration.class,
        AltertableHealthAutoConfiguration.class})
public @interface AutoConfigureAltertableMock {

    /** SQL statements run against the mock, in order, when it starts: tables and rows the tests expect. */
    String[] seed() default {};

    /** Whether the mock serves Flight SQL (and {@code altertable.flight.endpoint} points at it). */
    boolean flight() default true;
}
