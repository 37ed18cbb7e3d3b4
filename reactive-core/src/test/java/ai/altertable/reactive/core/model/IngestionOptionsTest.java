package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** {@link TableRef} and the query parameters of /upload, /upsert and /append (protocol §11). */
class IngestionOptionsTest {

    private static final TableRef EVENTS = TableRef.of("memory", "main", "events");

    @Test
    void tableRefPrintsItsQualifiedName() {
        assertThat(EVENTS).hasToString("memory.main.events");
        assertThat(EVENTS.queryParameters())
                .containsExactly(entry("catalog", "memory"), entry("schema", "main"), entry("table", "events"));
    }

    @Test
    void tableRefNeedsEveryPart() {
        assertThatThrownBy(() -> TableRef.of(null, "main", "t"))
                .isInstanceOf(NullPointerException.class).hasMessage("catalog is required");
        assertThatThrownBy(() -> TableRef.of("memory", null, "t"))
                .isInstanceOf(NullPointerException.class).hasMessage("schema is required");
        assertThatThrownBy(() -> TableRef.of("memory", "main", null))
                .isInstanceOf(NullPointerException.class).hasMessage("table is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void tableRefRejectsBlankParts(String blank) {
        assertThatThrownBy(() -> TableRef.of("memory", "main", blank))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("table must not be blank");
        assertThatThrownBy(() -> TableRef.of(blank, "main", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("catalog must not be blank");
    }

    @Test
    void tableRefKeepsNamesAsGiven() {
        TableRef odd = TableRef.of("my cat", "Sch\"ema", "t.1");
        assertThat(odd.queryParameters()).containsValues("my cat", "Sch\"ema", "t.1");
        Wire.assertWrites(odd, "{\"catalog\":\"my cat\",\"schema\":\"Sch\\\"ema\",\"table\":\"t.1\"}");
    }

    @Test
    void uploadParametersIncludeTheModeLast() {
        assertThat(UploadOptions.of(EVENTS, UploadMode.CREATE_APPEND).queryParameters()).containsExactly(
                entry("catalog", "memory"), entry("schema", "main"), entry("table", "events"),
                entry("mode", "create_append"));
    }

    @Test
    void uploadNeedsATableAndAKnownMode() {
        assertThatThrownBy(() -> UploadOptions.of(null, UploadMode.APPEND))
                .isInstanceOf(NullPointerException.class).hasMessage("table is required");
        assertThatThrownBy(() -> UploadOptions.of(EVENTS, null))
                .isInstanceOf(NullPointerException.class).hasMessage("mode is required");
        assertThatThrownBy(() -> UploadOptions.of(EVENTS, UploadMode.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mode must not be UNKNOWN");
    }

    @Test
    void upsertJoinsKeyAndCursorListsWithCommas() {
        UpsertOptions o = UpsertOptions.builder(EVENTS).primaryKey("id", "region").cursorField("updated_at", "seq")
                .build();
        assertThat(o.queryParameters()).containsExactly(
                entry("catalog", "memory"), entry("schema", "main"), entry("table", "events"),
                entry("primary_key", "id,region"), entry("cursor_field", "updated_at,seq"));
    }

    @Test
    void upsertWithoutCursorSendsNoCursorField() {
        UpsertOptions o = UpsertOptions.of(EVENTS, "id");
        assertThat(o.cursorField()).isEmpty();
        assertThat(o.queryParameters()).containsOnlyKeys("catalog", "schema", "table", "primary_key")
                .containsEntry("primary_key", "id");
        assertThat(UpsertOptions.builder(EVENTS).primaryKey(List.of("id")).cursorField(List.of()).build())
                .isEqualTo(o);
        assertThat(new UpsertOptions(EVENTS, List.of("id"), null)).isEqualTo(o);
    }

    @Test
    void upsertNeedsAtLeastOneKeyColumn() {
        assertThatThrownBy(() -> UpsertOptions.builder(EVENTS).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("primary_key must name at least one column");
        assertThatThrownBy(() -> UpsertOptions.of(EVENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("primary_key must name at least one column");
        assertThatThrownBy(() -> new UpsertOptions(EVENTS, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("primary_key is required");
        assertThatThrownBy(() -> UpsertOptions.of(null, "id"))
                .isInstanceOf(NullPointerException.class).hasMessage("table is required");
    }

    @Test
    void upsertRejectsColumnsTheCommaListCannotCarry() {
        assertThatThrownBy(() -> UpsertOptions.of(EVENTS, "id", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("primary_key must not contain a blank column name");
        assertThatThrownBy(() -> UpsertOptions.of(EVENTS, "a,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a,b' contains a comma");
        assertThatThrownBy(() -> UpsertOptions.builder(EVENTS).primaryKey("id").cursorField("ts", null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cursor_field must not contain a blank column name");
    }

    @Test
    void upsertCopiesItsLists() {
        List<String> keys = new java.util.ArrayList<>(List.of("id"));
        UpsertOptions o = new UpsertOptions(EVENTS, keys, null);
        keys.add("other");
        assertThat(o.primaryKey()).containsExactly("id");
        assertThatThrownBy(() -> o.primaryKey().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void appendSendsSyncOnlyWhenSet() {
        assertThat(AppendOptions.of(EVENTS).queryParameters()).containsOnlyKeys("catalog", "schema", "table");
        assertThat(AppendOptions.of(EVENTS, true).queryParameters()).containsExactly(
                entry("catalog", "memory"), entry("schema", "main"), entry("table", "events"), entry("sync", "true"));
        assertThat(AppendOptions.of(EVENTS, false).queryParameters()).containsEntry("sync", "false");
        assertThatThrownBy(() -> AppendOptions.of(null))
                .isInstanceOf(NullPointerException.class).hasMessage("table is required");
    }

    @Test
    void parameterMapsAreUnmodifiable() {
        Map<String, String> params = UploadOptions.of(EVENTS, UploadMode.APPEND).queryParameters();
        assertThatThrownBy(() -> params.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> AppendOptions.of(EVENTS).queryParameters().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> UpsertOptions.of(EVENTS, "id").queryParameters().remove("table"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parameterValuesAreRawNotUrlEncoded() {
        TableRef t = TableRef.of("c&d", "s s", "t=1");
        assertThat(UpsertOptions.of(t, "a b", "ü").queryParameters()).containsValues("c&d", "s s", "t=1", "a b,ü");
    }
}
