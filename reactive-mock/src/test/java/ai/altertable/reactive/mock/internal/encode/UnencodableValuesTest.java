package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values the official mock answers with {@code 500 text/plain failed to encode column value as JSON: …}. */
class UnencodableValuesTest {

    private static final String MAP_KEYS = "failed to encode column value as JSON: "
            + "Json error: Only UTF8 keys supported by JSON MapArray Writer: got Int32";

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
    void mapWithNonTextKeys() throws Exception {
        assertThatThrownBy(() -> db.rows("SELECT MAP {1: 'a'}"))
                .isInstanceOf(UnencodableValueException.class)
                .hasMessage(MAP_KEYS);
        assertThat(db.encoder("SELECT MAP {1: 'a'}").hasUnencodableColumns()).isTrue();
    }

    @Test
    void union() throws Exception {
        assertThatThrownBy(() -> db.rows("SELECT union_value(num := 2)::UNION(num INTEGER, str VARCHAR)"))
                .isInstanceOf(UnencodableValueException.class)
                .hasMessage("failed to encode column value as JSON: "
                        + "Json error: Unsupported data type for JSON encoding: UNION(num INTEGER, str VARCHAR)");
    }

    @Test
    void anywhereInsideTheTypeEvenInAnEmptyList() throws Exception {
        assertThatThrownBy(() -> db.rows("SELECT []::MAP(INTEGER, INTEGER)[]")).hasMessage(MAP_KEYS);
        assertThatThrownBy(() -> db.rows("SELECT {'a': MAP {1: 2}}")).hasMessage(MAP_KEYS);
        assertThatThrownBy(() -> db.rows("SELECT MAP {'k': union_value(n := 1)::UNION(n INTEGER)}"))
                .hasMessageContaining("Unsupported data type for JSON encoding: UNION(n INTEGER)");
    }

    @Test
    void nullCellsOfSuchTypesAreFine() throws Exception {
        assertThat(db.rows("SELECT NULL::MAP(INTEGER, VARCHAR), NULL::UNION(n INTEGER, s VARCHAR), 1"))
                .containsExactly("[null,null,1]");
    }

    @Test
    void textKeysAreFine() throws Exception {
        assertThat(db.encoder("SELECT MAP {'k': 1}, MAP {uuid(): 1}").hasUnencodableColumns()).isFalse();
    }

    @Test
    void jsonlEncodesEveryColumnEvenOneWhoseNameIsReused() throws Exception {
        assertThatThrownBy(() -> db.objects("SELECT MAP {1: 2} AS a, 1 AS a")).hasMessage(MAP_KEYS);
        assertThat(db.objects("SELECT NULL::MAP(INTEGER, INTEGER) AS a, 1 AS a")).containsExactly("{\"a\":1}");
    }

    @Test
    void infiniteTimestampWithZoneBreaksTheOfficialReparse() {
        // Arrow's error text holds the quoted zone name, so the official mock's re-parse of the row fails
        assertThatThrownBy(() -> db.rows("SELECT 'infinity'::TIMESTAMPTZ"))
                .isInstanceOf(UnencodableValueException.class)
                .hasMessageStartingWith("failed to parse JSON export row: expected `,` or `]` at line 1 column ");
    }
}
