package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-row record batch that binds a prepared statement's parameters: column {@code i} holds parameter {@code i}
 * (the server binds by position), named as the server's parameter schema names it, typed after the Java value in the
 * types every Flight SQL server reads: {@code Int64}, {@code Float64}, {@code Bool}, {@code Utf8}, {@code Binary},
 * {@code Date32}, {@code Time64}, {@code Timestamp}. Anything else is sent as its text for the server to cast.
 */
public final class ParameterBatch {

    private ParameterBatch() {
    }

    /**
     * @throws BadRequestException for a {@code null} parameter
     */
    public static VectorSchemaRoot of(List<?> parameters, Schema announced, BufferAllocator allocator) {
        List<Field> fields = new ArrayList<>(parameters.size());
        List<Object> values = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p == null) {
                throw new BadRequestException("parameter " + (i + 1) + " is null; the server would bind the text 'NULL', "
                        + "so write NULL into the SQL instead", ErrorContext.none());
            }
            ArrowType type = type(p);
            String name = announced.getFields().size() == parameters.size() ? announced.getFields().get(i).getName()
                    : "parameter_" + (i + 1);
            fields.add(new Field(name, FieldType.notNullable(type), null));
            values.add(type == ArrowType.Utf8.INSTANCE ? text(p) : widen(p));
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

    private static ArrowType type(Object p) {
        if (p instanceof Long || p instanceof Integer || p instanceof Short || p instanceof Byte
                || p instanceof BigInteger && ((BigInteger) p).bitLength() < 64) {
            return new ArrowType.Int(64, true);
        }
        if (p instanceof Double || p instanceof Float) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        if (p instanceof Boolean) {
            return ArrowType.Bool.INSTANCE;
        }
        if (p instanceof byte[]) {
            return ArrowType.Binary.INSTANCE;
        }
        if (p instanceof LocalDate) {
            return new ArrowType.Date(DateUnit.DAY);
        }
        if (p instanceof LocalTime) {
            return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
        }
        if (p instanceof LocalDateTime) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        }
        if (p instanceof Instant || p instanceof OffsetDateTime || p instanceof ZonedDateTime) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        }
        return ArrowType.Utf8.INSTANCE;
    }

    private static Object widen(Object p) {
        if (p instanceof Float) {
            return Double.valueOf(p.toString()); // 0.1f stays 0.1, not 0.10000000149011612
        }
        return p;
    }

    private static String text(Object p) {
        return p instanceof BigDecimal ? ((BigDecimal) p).toPlainString() : p.toString();
    }
}
