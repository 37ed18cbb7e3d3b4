package ai.altertable.reactive.mock.internal.lakehouse;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** INTERIM: replaced by the full §6 encoder. Encodes cells through getObject. */
final class ResultEncoder {

    record ColumnInfo(String name, String typeName) {
    }

    private final List<ColumnInfo> columns;

    private ResultEncoder(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    static ResultEncoder of(ResultSetMetaData md) throws SQLException {
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(new ColumnInfo(md.getColumnName(i), md.getColumnTypeName(i)));
        }
        return new ResultEncoder(cols);
    }

    List<ColumnInfo> columns() {
        return columns;
    }

    void writeRow(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        g.writeStartArray();
        for (int i = 1; i <= columns.size(); i++) {
            Object o = rs.getObject(i);
            if (o == null) {
                g.writeNull();
            } else if (o instanceof Number || o instanceof Boolean) {
                g.writeObject(o);
            } else {
                g.writeString(o.toString());
            }
        }
        g.writeEndArray();
    }
}
