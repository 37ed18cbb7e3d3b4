package ai.altertable.reactive.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import java.util.ArrayList;
import java.util.List;

/**
 * The default observation convention: name {@value #NAME}, contextual name the operation; low-cardinality key values
 * {@code operation}, {@code transport}, {@code outcome}, {@code status.class} (and {@code table} when opted in);
 * high-cardinality key values the attributes the transport reported ({@code query.id}, {@code request.id}), the row
 * counts ({@code rows.received}, {@code rows.sent}) and {@code db.statement} when the SQL text was opted in.
 */
public class DefaultAltertableObservationConvention implements AltertableObservationConvention {

    /** The observations' name. */
    public static final String NAME = "altertable.client.request";

    /** The shared instance. */
    public static final DefaultAltertableObservationConvention INSTANCE = new DefaultAltertableObservationConvention();

    /** For subclasses that change part of the convention. */
    public DefaultAltertableObservationConvention() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(AltertableObservationContext context) {
        return context.transport() + " " + context.operation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(AltertableObservationContext context) {
        KeyValues kv = KeyValues.of(KeyValue.of(MeterNames.OPERATION, context.operation()),
                KeyValue.of(MeterNames.TRANSPORT, context.transport()), KeyValue.of(MeterNames.OUTCOME, context.outcome()),
                KeyValue.of(MeterNames.STATUS_CLASS, context.statusClass()));
        return context.table() == null ? kv : kv.and(KeyValue.of(MeterNames.TABLE, context.table()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(AltertableObservationContext context) {
        List<KeyValue> kv = new ArrayList<>();
        context.attributes().forEach((k, v) -> kv.add(KeyValue.of(k, v)));
        kv.add(KeyValue.of("rows.received", Long.toString(context.rowsReceived())));
        kv.add(KeyValue.of("rows.sent", Long.toString(context.rowsSent())));
        if (context.statement() != null) {
            kv.add(KeyValue.of("db.statement", context.statement()));
        }
        return KeyValues.of(kv);
    }
}
