package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-row record batches that bind a prepared statement's parameters, within the limits of the Altertable server
 * (Flight SQL protocol §9.2): it binds one row per execution, by position, every value as text for DuckDB to cast,
 * and it reads only {@code Utf8}, integers, floats, {@code Bool}, {@code Date32}, {@code Time64(µs)} and
 * {@code Timestamp}.
 *
 * <p>So integral numbers are sent as {@code Int64}, {@code float}/{@code double} as {@code Float64}, booleans as
 * {@code Bool}, and every other value as {@code Utf8} text written by {@link ParameterText} (DuckDB's literal forms).
 * {@code null} is refused: the server would bind the text {@code NULL}, not SQL {@code NULL}. Column {@code i} holds
 * parameter {@code i}, named as the server's parameter schema names it.
 */
public final class ParameterBatch {

    private ParameterBatch() {
    }

    /**
     * Every row's values as they will be sent ({@code Long}, {@code Double}, {@code Boolean} or {@code String}), checked
     * before anything is sent: no {@code null}, and as many values as the statement announced parameters.
     *
     * @param rows      the parameter rows, one per execution
     * @param announced the server's parameter schema (empty when it announced none)
     * @throws BadRequestException naming the row and the parameter, for a value the server cannot bind as meant
     */
    public static List<List<Object>> convert(List<? extends List<?>> rows, Schema announced, Operation operation) {
        List<List<Object>> converted = new ArrayList<>(rows.size());
        int expected = announced.getFields().size();
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.size() > 1 ? " of parameter row " + (r + 1) : "";
            List<?> values = rows.get(r);
            if (values == null) {
                throw refused("parameter row " + (r + 1) + " is null", operation);
            }
            if (expected > 0 && values.size() != expected) {
                String given = count(values.size(), "value");
                throw refused("the statement has " + count(expected, "parameter") + ", but " + (row.isEmpty()
                        ? given + (values.size() == 1 ? " was" : " were") + " given"
                        : "parameter row " + (r + 1) + " has " + given), operation);
            }
            List<Object> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    throw refused("parameter " + (i + 1) + row + " is null: the Altertable server binds a null "
                            + "parameter as the text 'NULL', not SQL NULL, so write NULL into the SQL instead",
                            operation);
                }
                out.add(convert(value, i + 1, row, operation));
            }
            converted.add(out);
        }
        return converted;
    }

    /** The one-row batch of converted {@code values}; the caller owns (closes) it. */
    public static VectorSchemaRoot of(List<Object> values, Schema announced, BufferAllocator allocator) {
        List<Field> fields = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String name = announced.getFields().size() == values.size() ? announced.getFields().get(i).getName()
                    : "parameter_" + (i + 1);
            fields.add(new Field(name, FieldType.notNullable(type(values.get(i))), null));
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        try {
            root.allocateNew();
            for (int i = 0; i < values.size(); i++) {
                ArrowValueWriter.set(root.getVector(i), 0, values.get(i));
            }
            root.setRowCount(1);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static Object convert(Object value, int position, String row, Operation operation) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
            return ((BigInteger) value).longValue();
        }
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Float) {
            return Double.valueOf(value.toString()); // 0.1f stays 0.1, not 0.10000000149011612
        }
        if (value instanceof Boolean) {
            return value;
        }
        try {
            return ParameterText.of(value);
        } catch (RuntimeException e) {
            throw refused("parameter " + position + row + " (a " + value.getClass().getSimpleName()
                    + ") cannot be written as text: " + e.getMessage(), operation);
        }
    }

    private static ArrowType type(Object value) {
        if (value instanceof Long) {
            return new ArrowType.Int(64, true);
        }
        if (value instanceof Double) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        if (value instanceof Boolean) {
            return ArrowType.Bool.INSTANCE;
        }
        return ArrowType.Utf8.INSTANCE;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static BadRequestException refused(String message, Operation operation) {
        return new BadRequestException(message, ErrorContext.builder().operation(operation.specName()).build());
    }
}
