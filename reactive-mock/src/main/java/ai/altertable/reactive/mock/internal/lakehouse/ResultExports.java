package ai.altertable.reactive.mock.internal.lakehouse;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** INTERIM: writes a query result to a file in an export format. */
final class ResultExports {

    private ResultExports() {
    }

    static void write(Connection c, QueryParams p, String format, Path file, RunningQuery running)
            throws SQLException, IOException {
        QueryExport.use(c, p.catalog());
        QueryExport.use(c, p.schema());
        if (format.equals("jsonl")) {
            try (PreparedStatement ps = c.prepareStatement(p.effectiveSql())) {
                running.attach(ps);
                if (!ps.execute()) {
                    return;
                }
                try (ResultSet rs = ps.getResultSet(); OutputStream out = Files.newOutputStream(file);
                     JsonGenerator g = JsonBody.MAPPER.getFactory().createGenerator(out)) {
                    g.setRootValueSeparator(null);
                    ResultEncoder enc = ResultEncoder.of(rs.getMetaData());
                    while (rs.next()) {
                        enc.writeRow(rs, g);
                        g.writeRaw('\n');
                    }
                }
            }
            return;
        }
        String options = format.equals("csv") ? "FORMAT csv, HEADER true" : "FORMAT parquet";
        try (Statement s = c.createStatement()) {
            running.attach(s);
            s.execute("COPY (" + p.effectiveSql() + ") TO '" + file.toString().replace("'", "''") + "' (" + options + ")");
        }
    }
}
