package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.encode.QueryFileExport.Format;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryFileExportTest {

    private static InMemoryDuckDb db;
    private final List<Path> files = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        db = new InMemoryDuckDb();
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @AfterEach
    void deleteFiles() throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void csvHasAHeaderQuotesOnlyWhenNeededAndNewlineEndings() throws Exception {
        Path csv = export("SELECT i AS a, 'x,y' AS b, NULL AS c, 'q\"q' AS d, 1.50::DECIMAL(5,2) AS e, true AS f"
                + " FROM range(2) t(i)", Format.CSV);

        assertThat(Files.readString(csv)).isEqualTo(
                "a,b,c,d,e,f\n0,\"x,y\",,\"q\"\"q\",1.50,true\n1,\"x,y\",,\"q\"\"q\",1.50,true\n");
    }

    @Test
    void csvReadsBackWithTheSameRows() throws Exception {
        String query = "SELECT i AS n, 'line ' || i || chr(10) || 'two' AS s, i * 1.5 AS d FROM range(3) t(i)";
        Path csv = export(query, Format.CSV);

        assertThat(db.rows("SELECT * FROM read_csv('" + csv + "')")).isEqualTo(db.rows(query));
    }

    @Test
    void csvOfAnEmptyResultIsItsHeader() throws Exception {
        assertThat(Files.readString(export("SELECT 1 AS a, 2 AS b WHERE false", Format.CSV))).isEqualTo("a,b\n");
    }

    @Test
    void parquetReadsBackWithTypesAndRows() throws Exception {
        String query = "SELECT i AS n, 'x' || i AS s, [i, NULL] AS l, {'a': i} AS st, MAP {'k': i} AS m,"
                + " TIMESTAMP '2024-03-01 13:45:00.5' + to_days(i::INTEGER) AS t, 1.50::DECIMAL(5,2) AS dec"
                + " FROM range(3) t(i)";
        Path parquet = export(query, Format.PARQUET);

        assertThat(db.rows("SELECT * FROM read_parquet('" + parquet + "')")).isEqualTo(db.rows(query))
                .hasSize(3);
        assertThat(db.encoder("SELECT * FROM read_parquet('" + parquet + "')").columns())
                .isEqualTo(db.encoder(query).columns());
    }

    @Test
    void trailingSemicolonsAndCommentsAreHarmless() throws Exception {
        Path csv = export("SELECT 1 AS a -- the answer\n;  \n", Format.CSV);

        assertThat(Files.readString(csv)).isEqualTo("a\n1\n");
    }

    @Test
    void ddlAndMultipleStatementsFailWithoutSideEffectsOrFiles() throws Exception {
        long before = exportFiles();

        assertThatThrownBy(() -> QueryFileExport.export(db.connection(), "CREATE TABLE made (a INTEGER)", Format.CSV))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Parser Error");
        assertThatThrownBy(() -> QueryFileExport.export(db.connection(), "SELECT 1; SELECT 2", Format.PARQUET))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Parser Error");
        assertThat(db.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'made'"))
                .containsExactly("[0]");
        assertThat(exportFiles()).isEqualTo(before);
    }

    @Test
    void quotesInThePathAreEscaped() {
        String sql = QueryFileExport.copySql("SELECT 1", Path.of("/tmp/it's.csv"), Format.CSV);

        assertThat(sql).isEqualTo("COPY (\nSELECT 1\n) TO '/tmp/it''s.csv' "
                + "(FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\n')");
    }

    private Path export(String statement, Format format) throws Exception {
        Path file = QueryFileExport.export(db.connection(), statement, format);
        files.add(file);
        assertThat(file.getFileName().toString()).startsWith("altertable-query-").endsWith("." + format.value());
        return file;
    }

    private static long exportFiles() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("altertable-query-")).count();
        }
    }
}
