package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.complex.ListVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code CommandGetSqlInfo} (protocol §12): the official mock's values, with its value types (Arrow's
 * {@code SqlInfoBuilder} would write some of the int32 values as int64). An empty request gets every value but
 * bulk ingestion (ids 10 and 11), which is reported, as {@code false}, only when asked for by id; unknown ids are
 * left out. The placeholder enum values (8 as isolation level, 0 as identifier case) are the official mock's.
 */
final class SqlInfos {

    // the type ids of the value union, in the order of the standard schema
    private static final byte STRING = 0;
    private static final byte BOOL = 1;
    private static final byte BIGINT = 2;
    private static final byte INT32 = 3;
    private static final byte STRING_LIST = 4;

    private record Value(byte type, Object value) {
    }

    private static final Map<Integer, Value> VALUES = new LinkedHashMap<>();
    private static final List<Integer> ASKED_ONLY = List.of(10, 11);

    static {
        VALUES.put(0, new Value(STRING, "Altertable Flight SQL Server"));
        VALUES.put(1, new Value(STRING, "1.0.0"));
        VALUES.put(2, new Value(STRING, "56.0.0"));
        VALUES.put(3, new Value(BOOL, false));
        VALUES.put(4, new Value(BOOL, true));
        VALUES.put(5, new Value(BOOL, false));
        VALUES.put(8, new Value(INT32, 1));
        VALUES.put(9, new Value(BOOL, false));
        VALUES.put(10, new Value(BOOL, false));
        VALUES.put(11, new Value(BOOL, false));
        VALUES.put(100, new Value(INT32, 0));
        VALUES.put(101, new Value(INT32, 0));
        VALUES.put(500, new Value(BOOL, true));
        VALUES.put(501, new Value(BOOL, true));
        VALUES.put(502, new Value(BOOL, true));
        VALUES.put(503, new Value(INT32, 0));
        VALUES.put(504, new Value(STRING, "\""));
        VALUES.put(505, new Value(INT32, 0));
        VALUES.put(506, new Value(BOOL, true));
        VALUES.put(507, new Value(INT32, 0));
        VALUES.put(508, new Value(STRING_LIST, List.of("SELECT", "FROM", "WHERE")));
        VALUES.put(509, new Value(STRING_LIST, List.of("ABS", "CEIL", "FLOOR", "ROUND")));
        VALUES.put(510, new Value(STRING_LIST, List.of("CONCAT", "SUBSTRING", "UPPER", "LOWER")));
        VALUES.put(511, new Value(STRING_LIST, List.of("DATABASE", "USER")));
        VALUES.put(512, new Value(STRING_LIST, List.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP")));
        VALUES.put(513, new Value(STRING, "\\"));
        VALUES.put(514, new Value(STRING, ""));
        VALUES.put(515, new Value(BOOL, true));
        for (int id : new int[] {544, 546, 547, 554, 557, 559, 560, 561}) {
            VALUES.put(id, new Value(BIGINT, 0L));
        }
        VALUES.put(562, new Value(INT32, 8));
        VALUES.put(563, new Value(BOOL, true));
        VALUES.put(564, new Value(INT32, 8));
        VALUES.put(565, new Value(BOOL, false));
        VALUES.put(566, new Value(BOOL, false));
    }

    private SqlInfos() {
    }

    /** Sends the requested values as one batch. Small: no backpressure needed. */
    static void send(CommandGetSqlInfo request, ServerStreamListener listener, BufferAllocator allocator) {
        List<Integer> ids = new ArrayList<>();
        if (request.getInfoCount() == 0) {
            VALUES.keySet().stream().filter(id -> !ASKED_ONLY.contains(id)).forEach(ids::add);
        } else {
            request.getInfoList().stream().filter(VALUES::containsKey).forEach(ids::add);
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA,
                allocator)) {
            root.allocateNew();
            UInt4Vector names = (UInt4Vector) root.getVector("info_name");
            DenseUnionVector values = (DenseUnionVector) root.getVector("value");
            for (int row = 0; row < ids.size(); row++) {
                names.setSafe(row, ids.get(row));
                write(values, row, VALUES.get(ids.get(row)));
            }
            names.setValueCount(ids.size());
            values.setValueCount(ids.size());
            root.setRowCount(ids.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    private static void write(DenseUnionVector union, int row, Value value) {
        int offset;
        switch (value.type()) {
            case STRING: {
                VarCharVector child = union.getVarCharVector(STRING);
                offset = child.getValueCount();
                child.setSafe(offset, ((String) value.value()).getBytes(StandardCharsets.UTF_8));
                child.setValueCount(offset + 1);
                break;
            }
            case BOOL: {
                BitVector child = union.getBitVector(BOOL);
                offset = child.getValueCount();
                child.setSafe(offset, (Boolean) value.value() ? 1 : 0);
                child.setValueCount(offset + 1);
                break;
            }
            case BIGINT: {
                BigIntVector child = union.getBigIntVector(BIGINT);
                offset = child.getValueCount();
                child.setSafe(offset, (Long) value.value());
                child.setValueCount(offset + 1);
                break;
            }
            case INT32: {
                IntVector child = union.getIntVector(INT32);
                offset = child.getValueCount();
                child.setSafe(offset, (Integer) value.value());
                child.setValueCount(offset + 1);
                break;
            }
            default: {
                ListVector child = union.getList(STRING_LIST);
                offset = child.getValueCount();
                VarCharVector items = (VarCharVector) child.getDataVector();
                int start = child.startNewValue(offset);
                @SuppressWarnings("unchecked")
                List<String> strings = (List<String>) value.value();
                for (int i = 0; i < strings.size(); i++) {
                    items.setSafe(start + i, strings.get(i).getBytes(StandardCharsets.UTF_8));
                }
                items.setValueCount(start + strings.size());
                child.endValue(offset, strings.size());
                child.setValueCount(offset + 1);
            }
        }
        union.setTypeId(row, value.type());
        union.getOffsetBuffer().setInt((long) row * DenseUnionVector.OFFSET_WIDTH, offset);
    }
}
