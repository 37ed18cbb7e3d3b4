package ai.altertable.reactive.mock;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Supplier;

/**
 * A JUnit 5 extension that starts one {@link AltertableMock} per test class and injects it into constructors, test
 * methods and lifecycle methods that declare an {@code AltertableMock} parameter. The mock is closed after the class.
 *
 * <pre>{@code
 * @ExtendWith(AltertableMockExtension.class)
 * class MyServiceTest {
 *     @Test
 *     void queries(AltertableMock mock) {
 *         LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
 *         // the same databases over Flight (mock.flightUri()) and Postgres:
 *         Connection jdbc = DriverManager.getConnection(mock.postgresJdbcUrl("memory"),
 *                 AltertableMock.DEFAULT_USERNAME, AltertableMock.DEFAULT_PASSWORD);
 *     }
 * }
 *
 * // or with settings:
 * @RegisterExtension
 * static AltertableMockExtension lakehouse = AltertableMockExtension.of(() -> AltertableMock.builder().user("alice", "pw"));
 * }</pre>
 *
 * Test classes share nothing: each gets a fresh mock with empty databases.
 */
public final class AltertableMockExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AltertableMockExtension.class);

    private final Supplier<AltertableMock.Builder> settings;

    /** A mock with the default user on an ephemeral port. */
    public AltertableMockExtension() {
        this(AltertableMock::builder);
    }

    private AltertableMockExtension(Supplier<AltertableMock.Builder> settings) {
        this.settings = settings;
    }

    /** A mock built from {@code settings} (called once per test class). */
    public static AltertableMockExtension of(Supplier<AltertableMock.Builder> settings) {
        return new AltertableMockExtension(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        store(context).getOrComputeIfAbsent(Running.class, k -> new Running(settings.get().start()), Running.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = store(context).remove(Running.class, Running.class);
        if (running != null) {
            running.mock.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AltertableMock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return mock(context);
    }

    /** The mock of the test class that {@code context} belongs to. */
    public AltertableMock mock(ExtensionContext context) {
        ExtensionContext c = context;
        while (c != null) {
            Running r = store(c).get(Running.class, Running.class);
            if (r != null) {
                return r.mock;
            }
            c = c.getParent().orElse(null);
        }
        throw new IllegalStateException("no AltertableMock is running: register AltertableMockExtension on the class");
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The store entry; a record so that JUnit's store holds a value with identity. */
    private static final class Running {
        final AltertableMock mock;

        Running(AltertableMock mock) {
            this.mock = mock;
        }
    }
}
