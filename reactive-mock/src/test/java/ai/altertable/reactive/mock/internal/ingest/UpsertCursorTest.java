package ai.altertable.reactive.mock.internal.ingest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /upsert} with {@code cursor_field}: which file row survives, and when a stored row is replaced. */
class UpsertCursorTest extends DuckDbTestBase {

    @BeforeEach
    void createTable() throws SQLException {
        sql("CREATE TABLE t(id INT, c1 INT, c2 INT, v VARCHAR)");
    }

    private void upsert(String cursor, String csv) throws Exception {
        IngestOutcome outcome = Upsert.upsert(connection, "memory", "main", "t", Upsert.parseColumnList("id"),
                Upsert.parseColumnList(cursor), file("a.csv", "id,c1,c2,v\n" + csv), "text/csv");
        assertThat(outcome).isEqualTo(IngestOutcome.success());
    }

    @Test
    void aGreaterIncomingCursorReplacesTheStoredRow() throws Exception {
        sql("INSERT INTO t VALUES (1, 5, NULL, 'stored')");

        upsert("c1", "1,6,,new\n");

        assertThat(rows("SELECT c1, v FROM t")).containsExactly("6|new");
    }

    @Test
    void aSmallerOrEqualIncomingCursorLeavesTheStoredRow() throws Exception {
        sql("INSERT INTO t VALUES (1, 5, NULL, 'stored'), (2, 5, NULL, 'stored')");

        upsert("c1", "1,4,,smaller\n2,5,,equal\n");

        assertThat(rows("SELECT id, c1, v FROM t ORDER BY id")).containsExactly("1|5|stored", "2|5|stored");
    }

    @Test
    void anIncomingNullNeverWinsAndBeatsNoStoredValueEither() throws Exception {
        sql("INSERT INTO t VALUES (1, 5, NULL, 'stored'), (2, NULL, NULL, 'stored')");

        upsert("c1", "1,,,null-vs-5\n2,,,null-vs-null\n3,0,,typed\n");

        assertThat(rows("SELECT id, v FROM t ORDER BY id")).containsExactly("1|stored", "2|stored", "3|typed");
    }

    @Test
    void anIncomingValueBeatsAStoredNull() throws Exception {
        sql("INSERT INTO t VALUES (1, NULL, NULL, 'stored')");

        upsert("c1", "1,-100,,new\n");

        assertThat(rows("SELECT c1, v FROM t")).containsExactly("-100|new");
    }

    @Test
    void unmatchedRowsAreInsertedWhateverTheirCursor() throws Exception {
        sql("INSERT INTO t VALUES (1, 5, NULL, 'stored')");

        upsert("c1", "7,,,null-cursor\n1,4,,smaller\n");

        assertThat(rows("SELECT id, c1, v FROM t ORDER BY id")).containsExactly("1|5|stored", "7|null|null-cursor");
    }

    @Test
    void aCsvCursorColumnWithoutAnyValueIsTextAndCannotBeCompared() throws Exception {
        // As in the official mock: CSV is never pinned to the table, so an all-empty column is sniffed as VARCHAR.
        sql("INSERT INTO t VALUES (1, 5, NULL, 'stored')");

        IngestOutcome outcome = Upsert.upsert(connection, "memory", "main", "t", List.of("id"),
                List.of("c1"), file("a.csv", "id,c1,c2,v\n1,,,x\n"), "text/csv");

        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: Binder Error: Cannot compare values of"
                + " type VARCHAR and type INTEGER");
        assertThat(rows("SELECT v FROM t")).containsExactly("stored");
    }

    @Test
    void multiColumnCursorsCompareLeftToRight() throws Exception {
        sql("INSERT INTO t VALUES (1, 1, 9, 's'), (2, 1, 2, 's'), (3, NULL, 3, 's'), (4, 1, NULL, 's'),"
                + " (5, 2, 2, 's'), (6, NULL, 3, 's')");

        upsert("c1, c2", String.join("\n",
                "1,2,1,first-column-greater",
                "2,1,1,second-column-smaller",
                "3,,5,both-first-null-second-greater",
                "4,1,0,second-beats-stored-null",
                "5,2,2,equal",
                "6,1,0,first-beats-stored-null",
                ""));

        assertThat(rows("SELECT id, v FROM t ORDER BY id")).containsExactly(
                "1|first-column-greater", "2|s", "3|both-first-null-second-greater", "4|second-beats-stored-null",
                "5|s", "6|first-beats-stored-null");
    }

    @Test
    void inTheFileTheGreatestCursorWinsWhereverItIs() throws Exception {
        upsert("c1", "1,3,,three\n1,9,,nine\n1,5,,five\n");

        assertThat(rows("SELECT c1, v FROM t")).containsExactly("9|nine");
    }

    @Test
    void inTheFileANullCursorRanksLowest() throws Exception {
        upsert("c1", "1,-5,,minus-five\n1,,,null\n");

        assertThat(rows("SELECT c1, v FROM t")).containsExactly("-5|minus-five");
    }

    @Test
    void inTheFileEqualCursorsAreResolvedByTheLastRow() throws Exception {
        upsert("c1", "1,4,,first\n1,4,,last\n2,,,first\n2,,,last\n");

        assertThat(rows("SELECT id, v FROM t ORDER BY id")).containsExactly("1|last", "2|last");
    }

    @Test
    void inTheFileMultiColumnCursorsCompareLeftToRight() throws Exception {
        upsert("c1,c2", "1,2,1,a\n1,1,9,b\n1,2,,c\n1,2,0,d\n");

        assertThat(rows("SELECT c1, c2, v FROM t")).containsExactly("2|1|a");
    }

    @Test
    void theDeduplicatedRowIsThenComparedWithTheStoredOne() throws Exception {
        sql("INSERT INTO t VALUES (1, 6, NULL, 'stored')");

        upsert("c1", "1,7,,seven\n1,5,,five\n");

        assertThat(rows("SELECT c1, v FROM t")).containsExactly("7|seven");
    }
}
