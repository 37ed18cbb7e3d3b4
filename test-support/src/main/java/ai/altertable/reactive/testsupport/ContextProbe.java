package ai.altertable.reactive.testsupport;

import io.micrometer.context.ContextRegistry;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a callback of the client saw of the subscriber's Reactor {@code Context}: the value under {@link #KEY} in the
 * context itself, and, with Micrometer's context-propagation library, in two thread locals registered for that key (an
 * SLF4J MDC entry and a plain {@code ThreadLocal}), as a service's logging and tracing would register theirs.
 *
 * <p>{@link #enable()} turns on Reactor's automatic context propagation, which is global to the JVM: call it in a test
 * class's {@code @BeforeAll} and {@link #disable()} in its {@code @AfterAll} (Surefire runs the classes of a module one
 * after the other in one JVM, so no other class runs in between).
 */
public final class ContextProbe {

    /** The context key, also the MDC key and the registry key of the thread locals. */
    public static final String KEY = "altertable.test.tenant";
    private static final String VALUE = "acme-";
    /**
     * The MDC: slf4j-simple, the binding of the tests, keeps no MDC, so this is SLF4J's own map-per-thread MDC (the
     * one the bindings without an MDC of their own use), accessed as a logging library's would be.
     */
    public static final MDCAdapter MDC = new BasicMDCAdapter();

    private static final String LOCAL_KEY = KEY + ".local";
    private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();
    private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    private static final AtomicInteger SUBSCRIBERS = new AtomicInteger();
    private static volatile String current = VALUE + 0;

    private ContextProbe() {
    }

    /** Registers the MDC entry and the thread local with the context registry and turns on automatic propagation. */
    public static void enable() {
        ContextRegistry registry = ContextRegistry.getInstance();
        registry.registerThreadLocalAccessor(KEY, () -> MDC.get(KEY), v -> MDC.put(KEY, v), () -> MDC.remove(KEY));
        registry.registerThreadLocalAccessor(LOCAL_KEY, LOCAL::get, LOCAL::set, LOCAL::remove);
        Hooks.enableAutomaticContextPropagation();
        SEEN.clear();
    }

    /** Undoes {@link #enable()}. */
    public static void disable() {
        Hooks.disableAutomaticContextPropagation();
        ContextRegistry registry = ContextRegistry.getInstance();
        registry.removeThreadLocalAccessor(KEY);
        registry.removeThreadLocalAccessor(LOCAL_KEY);
        SEEN.clear();
    }

    /**
     * {@code flux} subscribed with a new value, {@link #current()}, under {@link #KEY} (the context entry and both
     * thread locals' entries): a new value per call, so that a value a thread kept from an earlier test is told apart.
     */
    public static <T> Flux<T> within(Flux<T> flux) {
        String value = next();
        return flux.contextWrite(ctx -> ctx.put(KEY, value).put(LOCAL_KEY, value));
    }

    /** {@code mono} subscribed with a new value, {@link #current()}, under {@link #KEY}. */
    public static <T> Mono<T> within(Mono<T> mono) {
        String value = next();
        return mono.contextWrite(ctx -> ctx.put(KEY, value).put(LOCAL_KEY, value));
    }

    /** The value the last {@code within} put in the context. */
    public static String current() {
        return current;
    }

    private static String next() {
        current = VALUE + SUBSCRIBERS.incrementAndGet();
        return current;
    }

    /** Records, under {@code where}, what the MDC entry and the thread local hold on this thread now. */
    public static void record(String where) {
        SEEN.computeIfAbsent(where, w -> new CopyOnWriteArrayList<>())
                .add("mdc=" + MDC.get(KEY) + " local=" + LOCAL.get() + " thread=" + Thread.currentThread().getName());
    }

    /** Records, under {@code where}, what the context {@code ctx} holds. */
    public static void recordContext(String where, ContextView ctx) {
        SEEN.computeIfAbsent(where, w -> new CopyOnWriteArrayList<>())
                .add("context=" + ctx.getOrDefault(KEY, null));
    }

    /** Asserts that {@code where} was recorded {@code times} times, each time seeing {@link #current()}; forgets it. */
    public static void assertSeen(String where, int times) {
        List<String> seen = new ArrayList<>(Objects.requireNonNullElse(SEEN.remove(where), List.of()));
        assertEquals(times, seen.size(), () -> where + " was recorded " + seen.size() + " times: " + seen);
        String value = current;
        for (String s : seen) {
            assertTrue(s.equals("context=" + value) || s.startsWith("mdc=" + value + " local=" + value + " "),
                    () -> where + " did not see " + value + ": " + seen);
        }
    }

    /** Forgets everything recorded. */
    public static void clear() {
        SEEN.clear();
    }
}
