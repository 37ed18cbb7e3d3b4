package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole rows: positional arrays for the default format, sorted objects for {@code format=jsonl}, and the columns. */
class ResultEncoderRowsTest {

    private static InMemoryDuckDb db;

    @BeforeAll
    static void open() throws Exception {
        db = new InMemoryDuckDb();
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void rowsArePositionalArrays() throws Exception {
        assertThat(db.rows("SELECT i AS n, 'x' || i AS s, NULL AS z FROM range(3) t(i)"))
                .containsExactly("[0,\"x0\",null]", "[1,\"x1\",null]", "[2,\"x2\",null]");
    }

    @Test
    void emptyResultHasNoRowsButItsColumns() throws Exception {
        assertThat(db.rows("SELECT 1 AS a WHERE false")).isEmpty();
        assertThat(db.encoder("SELECT 1 AS a, 'x' AS a, [1] AS l, {'k': 1.5} AS s WHERE false").columns())
                .containsExactly(new ColumnInfo("a", "INTEGER"), new ColumnInfo("a", "VARCHAR"),
                        new ColumnInfo("l", "INTEGER[]"), new ColumnInfo("s", "STRUCT(k DECIMAL(2,1))"));
    }

    @Test
    void jsonlKeysAreSortedByCodePoint() throws Exception {
        assertThat(db.objects("SELECT 1 AS z, 2 AS \"A\", 3 AS a, 4 AS \"😀\", 5 AS \"～\""))
                .containsExactly("{\"A\":2,\"a\":3,\"z\":1,\"～\":5,\"😀\":4}");
    }

    @Test
    void jsonlDuplicateNamesCollapseToTheLastColumn() throws Exception {
        assertThat(db.objects("SELECT 2 AS b, NULL AS a, 3 AS b")).containsExactly("{\"a\":null,\"b\":3}");
    }

    @Test
    void jsonlValuesUseTheSameEncoding() throws Exception {
        assertThat(db.objects("SELECT {'a': 1} AS s, MAP {'k': 1, 'n': NULL} AS m, 1.50::DECIMAL(5,2) AS d,"
                + " TIMESTAMP '2024-03-01 13:45:00' AS t FROM range(2)"))
                .containsExactly("{\"d\":1.5,\"m\":{\"k\":1},\"s\":[1],\"t\":\"2024-03-01T13:45:00\"}",
                        "{\"d\":1.5,\"m\":{\"k\":1},\"s\":[1],\"t\":\"2024-03-01T13:45:00\"}");
    }
}
