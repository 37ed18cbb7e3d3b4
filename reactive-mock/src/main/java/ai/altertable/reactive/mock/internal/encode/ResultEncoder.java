package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.core.row.DuckDbType;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes the rows of one DuckDB JDBC result as the official Altertable mock does (protocol §6): per column, a cell
 * encoder chosen once from the column's DuckDB type writes the current row's value to a Jackson {@link JsonGenerator}.
 *
 * <p>Typical use, off the event loop, one row per line:
 * <pre>{@code
 * ResultEncoder encoder = ResultEncoder.of(rs.getMetaData());
 * try (JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
 *     while (rs.next()) {
 *         encoder.writeRow(rs, g);       // [1,"x",null]      (default format)
 *         g.writeRaw('\n');               // or writeRowObject for format=jsonl
 *     }
 * }
 * }</pre>
 * Use generators from {@link RowJsonFactory} so strings are escaped exactly as the official mock escapes them.
 *
 * <p><b>Failures.</b> A non-null cell of a type the official mock cannot encode (a MAP whose keys are not text, a
 * UNION, anywhere in the column's type) throws {@link UnencodableValueException}, whose message is the whole
 * {@code 500 text/plain} body; so can, very rarely, an infinite TIMESTAMPTZ or a double at the edge of the range. The
 * row may then be half written: discard the output. {@link #hasUnencodableColumns()} tells up front whether a result
 * may fail this way (the official mock computes the whole body before answering, so it never sends a partial 200).
 * {@link SQLException}s from the driver and {@link IOException}s from the generator pass through.
 *
 * <p><b>Where this knowingly differs from the official mock</b> (which goes DuckDB → Arrow → arrow-json → serde_json;
 * each class names its own details):
 * <ul>
 *   <li>TIMESTAMPTZ is always rendered in UTC ({@code …Z}); the official mock uses the session time zone, which is UTC
 *       unless a statement changed it with {@code SET TimeZone}.</li>
 *   <li>TIMESTAMP values nested in a LIST/STRUCT/MAP come from DuckDB JDBC as {@code java.sql.Timestamp}, built in
 *       the JVM's zone: a wall time inside that zone's DST gap moves by the gap. Run the mock's JVM in UTC.</li>
 *   <li>FLOAT/DOUBLE: serde_json's inexact parse is reproduced on the shortest digits; arrow-json's exact text layout
 *       (lexical) for magnitudes beyond 1e±22 is assumed, so such values may differ in the last digit.</li>
 *   <li>Top-level JSON and VARIANT columns are parsed whatever their name; the official mock's re-select by unquoted
 *       name fails for names that need quoting. A VARIANT's JSON text is rebuilt from JDBC's values
 *       ({@link VariantJsonText}); below the top level a VARIANT is also written as its JSON value (unverified).</li>
 *   <li>Derived from the libraries' sources, not observed: BIT as the hex of DuckDB's bit-string bytes, the error texts
 *       of undisplayable dates and times, and arrow-json's error texts (UNION and unusual MAP key types are named in
 *       DuckDB's spelling, not Arrow's).</li>
 *   <li>{@link ColumnInfo#type()} is DuckDB JDBC's spelling of the type ({@code DECIMAL(18,3)}, {@code INTEGER[]}),
 *       not the official mock's {@code arrow_type_to_string} ({@code DECIMAL(18, 3)}, {@code LIST}), which its
 *       {@code /query} never sends anyway.</li>
 * </ul>
 *
 * <p><b>Threads.</b> An instance holds reusable buffers: one thread at a time may use it, for one result set.
 */
public final class ResultEncoder {

    private final List<ColumnInfo> columns;
    private final CellEncoder[] cells;
    private final boolean unencodable;
    private final String[] objectKeys;
    private final int[] objectColumns;
    private final int[] shadowedUnencodable;
    private JsonGenerator discard;

    private ResultEncoder(List<ColumnInfo> columns, CellEncoder[] cells, boolean[] unencodableColumns) {
        this.columns = List.copyOf(columns);
        this.cells = cells;
        boolean any = false;
        for (boolean u : unencodableColumns) {
            any |= u;
        }
        this.unencodable = any;
        // jsonl: serde_json Map (BTreeMap) inserts in column order, so the last of equal names wins
        Map<String, Integer> lastByName = new TreeMap<>(CodePointOrder.INSTANCE);
        for (int i = 0; i < columns.size(); i++) {
            lastByName.put(columns.get(i).name(), i);
        }
        this.objectKeys = lastByName.keySet().toArray(String[]::new);
        this.objectColumns = lastByName.values().stream().mapToInt(Integer::intValue).toArray();
        List<Integer> shadowed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (unencodableColumns[i] && lastByName.get(columns.get(i).name()) != i) {
                shadowed.add(i);
            }
        }
        this.shadowedUnencodable = shadowed.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Builds the encoder of a result from its metadata: parses every column's DuckDB type name once, with
     * {@link DuckDbType#parse(String)}. A type name it cannot read is encoded like an unknown type (its JDBC text).
     *
     * @throws SQLException if the metadata cannot be read
     */
    public static ResultEncoder of(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        List<ColumnInfo> columns = new ArrayList<>(count);
        CellEncoder[] cells = new CellEncoder[count];
        boolean[] unencodable = new boolean[count];
        CellEncoders factory = new CellEncoders(new EncodingScratch());
        for (int i = 0; i < count; i++) {
            String typeName = metaData.getColumnTypeName(i + 1);
            DuckDbType type = DuckDbType.parse(typeName);
            columns.add(new ColumnInfo(metaData.getColumnLabel(i + 1), typeName));
            cells[i] = factory.forType(type);
            unencodable[i] = UnencodableTypes.isUnencodable(type);
        }
        return new ResultEncoder(columns, cells, unencodable);
    }

    /** The columns in result order: names (possibly repeated or empty) and DuckDB type names. */
    public List<ColumnInfo> columns() {
        return columns;
    }

    /** Whether some column's type makes every non-null cell of it fail with {@link UnencodableValueException}. */
    public boolean hasUnencodableColumns() {
        return unencodable;
    }

    /** Writes the current row as a JSON array of the cells in column order, e.g. {@code [1,"x",[2,null],null]}. */
    public void writeRow(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        g.writeStartArray();
        for (int i = 0; i < cells.length; i++) {
            cells[i].write(rs, i + 1, g);
        }
        g.writeEndArray();
    }

    /**
     * Writes the current row as the {@code format=jsonl} object: one key per distinct column name, keys in code point
     * order (not column order), the value of the last column of that name, {@code null} values kept; e.g.
     * {@code SELECT 2 AS b, NULL AS a, 3 AS b} gives {@code {"a":null,"b":3}}.
     */
    public void writeRowObject(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        for (int column : shadowedUnencodable) {
            // the official mock encodes every column, even one whose key a later column overwrites
            cells[column].write(rs, column + 1, discard());
        }
        g.writeStartObject();
        for (int i = 0; i < objectKeys.length; i++) {
            g.writeFieldName(objectKeys[i]);
            cells[objectColumns[i]].write(rs, objectColumns[i] + 1, g);
        }
        g.writeEndObject();
    }

    private JsonGenerator discard() throws IOException {
        if (discard == null) {
            discard = RowJsonFactory.get().createGenerator(OutputStream.nullOutputStream());
        }
        return discard;
    }
}
