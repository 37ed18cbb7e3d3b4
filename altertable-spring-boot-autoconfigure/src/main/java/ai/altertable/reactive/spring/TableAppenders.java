package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import ai.altertable.reactive.spring.AltertableProperties.Appender;
import ai.altertable.reactive.spring.internal.CommonSettings;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The shared appenders declared under {@code altertable.appenders.<name>}, one {@link TableAppender} per name, made
 * when the application starts. Inject this bean and ask for an appender by name:
 *
 * <pre>{@code
 * TableAppender<Event> events = appenders.get("events");   // altertable.appenders.events.table=memory.main.events
 * }</pre>
 *
 * <p><b>Closing.</b> The application does not close them: the auto-configuration closes every {@link TableAppender}
 * of the context gracefully (these and the ones declared as beans) when the context stops, before the clients close
 * ({@link AppendersShutdown}).
 */
public final class TableAppenders implements AutoCloseable {

    private final Map<String, TableAppender<Object>> appenders;

    private TableAppenders(Map<String, TableAppender<Object>> appenders) {
        this.appenders = appenders;
    }

    /**
     * The appenders of {@code properties.appenders()}, on {@code client}, each with {@code altertable.batching} and
     * then its own batching settings.
     *
     * @throws InvalidAltertablePropertyException for a table that is not {@code catalog.schema.table}, or batching
     *                                            settings out of range
     */
    public static TableAppenders create(LakehouseClient client, AltertableProperties properties) {
        BatchingOptions defaults = CommonSettings.batching(BatchingOptions.defaults(), properties.batching(),
                "altertable.batching");
        Map<String, TableAppender<Object>> made = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Appender> e : properties.appenders().entrySet()) {
                String prefix = "altertable.appenders." + e.getKey();
                Appender a = e.getValue();
                TableRef table = table(a.table(), prefix + ".table");
                BatchingOptions batching = CommonSettings.batching(defaults, a.batching(), prefix + ".batching");
                if (a.capacity() < 1) {
                    throw new InvalidAltertablePropertyException(prefix + ".capacity",
                            "must be at least 1, was " + a.capacity(), null);
                }
                made.put(e.getKey(), CommonSettings.check(prefix, () -> client.<Object>appender(
                        AppendOptions.of(table, a.sync()), batching, a.capacity(), a.overflow())));
            }
        } catch (RuntimeException e) {
            made.values().forEach(TableAppender::close);
            throw e;
        }
        return new TableAppenders(Map.copyOf(made));
    }

    private static TableRef table(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new InvalidAltertablePropertyException(property, "is required (catalog.schema.table)", null);
        }
        String[] parts = value.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidAltertablePropertyException(property,
                    "must be catalog.schema.table, was " + value, null);
        }
        return CommonSettings.check(property, () -> TableRef.of(parts[0], parts[1], parts[2]));
    }

    /**
     * The appender declared as {@code altertable.appenders.<name>}; {@code T} is whatever rows the application
     * appends (records, POJOs, {@code Map}s, {@code JsonNode}s).
     *
     * @throws NoSuchElementException when no such appender is declared
     */
    @SuppressWarnings("unchecked")
    public <T> TableAppender<T> get(String name) {
        TableAppender<Object> appender = appenders.get(name);
        if (appender == null) {
            throw new NoSuchElementException("no appender altertable.appenders." + name + " (declared: "
                    + appenders.keySet() + ")");
        }
        return (TableAppender<T>) appender;
    }

    /** The declared names. */
    public Set<String> names() {
        return appenders.keySet();
    }

    /** Every declared appender. */
    public Collection<TableAppender<Object>> all() {
        return appenders.values();
    }

    /**
     * Closes every appender at once: rows not yet acknowledged fail. The context calls it when it destroys this bean,
     * after {@link AppendersShutdown} closed them gracefully, so that only what the graceful close could not write in
     * time fails. Does not block.
     */
    @Override
    public void close() {
        appenders.values().forEach(TableAppender::close);
    }

    @Override
    public String toString() {
        return "TableAppenders" + appenders.keySet();
    }
}
