package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowMapperTest {

    enum Status { ACTIVE, BLOCKED }

    record User(long userId, String displayName, List<Long> tagIds, LocalDate createdOn, Status status) {
    }

    record Lenient(long userId, Integer missing, int missingPrimitive, Optional<String> maybe) {
    }

    record Nested(Map<String, Object> address, Optional<BigDecimal> balance) {
    }

    record Strict(int value) {
        Strict {
            if (value < 0) {
                throw new IllegalArgumentException("negative");
            }
        }
    }

    /** A bean filled through setters. */
    public static final class Account {
        private long accountId;
        private String ownerName = "unset";
        private List<Integer> limits;
        private String untouched = "default";

        public void setAccountId(long accountId) {
            this.accountId = accountId;
        }

        public void setOwnerName(String ownerName) {
            this.ownerName = ownerName;
        }

        public void setLimits(List<Integer> limits) {
            this.limits = limits;
        }

        public void setUntouched(String untouched) {
            this.untouched = untouched;
        }
    }

    /** A bean filled through fields. */
    static class Event {
        String eventName;
        double amount;
        final String fixed = "fixed";
        static String shared = "shared";
    }

    private static final RowMetadata USERS = RowMetadata.of(Column.of("user_id", "BIGINT"),
            Column.of("DisplayName", "VARCHAR"), Column.of("tag_ids", "BIGINT[]"), Column.of("created_on", "DATE"),
            Column.of("status", "VARCHAR"), Column.of("ignored_extra", "INTEGER"));

    private static Row user(String line) {
        return Rows.fromJsonCells(USERS, RawCells.parse(line));
    }

    @Test
    void mapsARecordBySnakeCaseAndCaseInsensitiveNames() {
        User u = user("[7,\"Alice\",[1,2],\"2024-03-01\",\"active\",99]").as(User.class);

        assertThat(u).isEqualTo(new User(7, "Alice", List.of(1L, 2L), LocalDate.of(2024, 3, 1), Status.ACTIVE));
    }

    @Test
    void genericElementTypesAreHonouredForUntypedColumnsToo() {
        Row mockRow = Rows.fromJsonCells(RowMetadata.ofNames("user_id", "display_name", "tag_ids", "created_on", "status"),
                RawCells.parse("[7,\"Alice\",[3,4],\"2024-03-01\",\"BLOCKED\"]"));

        User u = RowMapper.of(User.class).apply(mockRow);

        assertThat(u.tagIds()).containsExactly(3L, 4L);
        assertThat(u.tagIds().get(0)).isInstanceOf(Long.class);
        assertThat(u.createdOn()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(u.status()).isEqualTo(Status.BLOCKED);
    }

    @Test
    void aRecordComponentWithoutAColumnIsAnError() {
        Row row = Rows.fromJsonCells(RowMetadata.ofNames("user_id"), RawCells.parse("[1]"));

        assertThatThrownBy(() -> row.as(User.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(User.class.getName())
                .hasMessageContaining("no column for [displayName (java.lang.String), tagIds (java.util.List<java.lang.Long>)")
                .hasMessageContaining("columns: [user_id]")
                .hasMessageContaining("allowingMissingColumns()");
    }

    @Test
    void lenientMappingFillsMissingComponentsWithEmptyValues() {
        Row row = Rows.fromJsonCells(RowMetadata.ofNames("user_id"), RawCells.parse("[1]"));

        Lenient l = RowMapper.of(Lenient.class).allowingMissingColumns().apply(row);

        assertThat(l).isEqualTo(new Lenient(1, null, 0, Optional.empty()));
        assertThatThrownBy(() -> row.as(Lenient.class)).isInstanceOf(SerializationException.class);
    }

    @Test
    void optionalsAndMapsAreConverted() {
        RowMetadata md = RowMetadata.of(Column.of("address", "STRUCT(city VARCHAR, zip INTEGER)"),
                Column.of("balance", "DECIMAL(10,2)"));
        Nested present = Rows.fromJsonCells(md, RawCells.parse("[[\"Paris\",75001],12.5]")).as(Nested.class);
        Nested absent = Rows.fromJsonCells(md, RawCells.parse("[null,null]")).as(Nested.class);

        assertThat(present.address()).containsEntry("city", "Paris").containsEntry("zip", 75001);
        assertThat(present.balance()).contains(new BigDecimal("12.50"));
        assertThat(absent.address()).isNull();
        assertThat(absent.balance()).isEmpty();
    }

    @Test
    void conversionFailuresNameTheClassPropertyAndColumn() {
        assertThatThrownBy(() -> user("[7,\"Alice\",[1,2.5],\"2024-03-01\",\"active\",0]").as(User.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot map a row to " + User.class.getName())
                .hasMessageContaining("property tagIds")
                .hasMessageContaining("column 2 'tag_ids' (DuckDB type BIGINT[])")
                .hasMessageContaining("element [1]");
        assertThatThrownBy(() -> user("[null,\"Alice\",[],\"2024-03-01\",\"active\",0]").as(User.class))
                .hasMessageContaining("property userId (long)")
                .hasMessageContaining("SQL NULL cannot be read as primitive long");
        assertThatThrownBy(() -> user("[1,\"Alice\",[],\"2024-03-01\",\"gone\",0]").as(User.class))
                .hasMessageContaining("property status")
                .hasMessageContaining("constants: [ACTIVE, BLOCKED]");
    }

    @Test
    void constructorFailuresAreWrapped() {
        Row row = Rows.of(RowMetadata.ofNames("value"), -1L);

        assertThatThrownBy(() -> row.as(Strict.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Strict.class.getName())
                .hasMessageContaining("canonical constructor failed")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsABeanThroughSettersLeavingUnmatchedPropertiesAlone() {
        RowMetadata md = RowMetadata.of(Column.of("ACCOUNT_ID", "BIGINT"), Column.of("owner_name", "VARCHAR"),
                Column.of("limits", "INTEGER[]"), Column.of("other", "VARCHAR"));

        Account a = Rows.fromJsonCells(md, RawCells.parse("[5,\"Bob\",[10,20],\"x\"]")).as(Account.class);

        assertThat(a.accountId).isEqualTo(5L);
        assertThat(a.ownerName).isEqualTo("Bob");
        assertThat(a.limits).containsExactly(10, 20);
        assertThat(a.untouched).isEqualTo("default");
    }

    @Test
    void mapsABeanThroughFields() {
        RowMetadata md = RowMetadata.of(Column.of("event_name", "VARCHAR"), Column.of("amount", "DECIMAL(10,2)"),
                Column.of("fixed", "VARCHAR"), Column.of("shared", "VARCHAR"));

        Event e = Rows.fromJsonCells(md, RawCells.parse("[\"click\",2.5,\"no\",\"no\"]")).as(Event.class);

        assertThat(e.eventName).isEqualTo("click");
        assertThat(e.amount).isEqualTo(2.5d);
        assertThat(e.fixed).isEqualTo("fixed");
        assertThat(Event.shared).isEqualTo("shared");
    }

    @Test
    void theMapperIsSharedPerClassAndRebindsForNewColumns() {
        RowMapper<User> mapper = RowMapper.of(User.class);
        assertThat(RowMapper.of(User.class)).isSameAs(mapper);

        User first = mapper.apply(user("[1,\"A\",[],\"2024-03-01\",\"ACTIVE\",0]"));
        User second = mapper.apply(user("[2,\"B\",[5],\"2024-03-02\",\"BLOCKED\",0]"));
        Row reordered = Rows.fromJsonCells(RowMetadata.ofNames("status", "created_on", "tag_ids", "display_name",
                "user_id"), RawCells.parse("[\"ACTIVE\",\"2024-03-03\",[],\"C\",3]"));
        User third = mapper.apply(reordered);

        assertThat(first.userId()).isEqualTo(1);
        assertThat(second.tagIds()).containsExactly(5L);
        assertThat(third).isEqualTo(new User(3, "C", List.of(), LocalDate.of(2024, 3, 3), Status.ACTIVE));
        assertThat(mapper.type()).isEqualTo(User.class);
    }

    @Test
    void interleavedResultsWithDifferentLayoutsMapCorrectly() {
        RowMapper<User> mapper = RowMapper.of(User.class);
        RowMetadata reversed = RowMetadata.ofNames("status", "created_on", "tag_ids", "display_name", "user_id");

        for (int i = 0; i < 100; i++) {
            Row a = user("[" + i + ",\"A\",[],\"2024-03-01\",\"ACTIVE\",0]");
            Row b = Rows.fromJsonCells(reversed, RawCells.parse("[\"BLOCKED\",\"2024-03-02\",[1],\"B\"," + -i + "]"));
            assertThat(mapper.apply(a).userId()).isEqualTo(i);
            assertThat(mapper.apply(b)).isEqualTo(new User(-i, "B", List.of(1L), LocalDate.of(2024, 3, 2), Status.BLOCKED));
        }
    }

    @Test
    void typesThatAreNotRecordsOrBeansAreRefused() {
        Row row = Rows.of(RowMetadata.ofNames("v"), "x");

        assertThatThrownBy(() -> row.as(String.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot map a row to java.lang.String");
        assertThatThrownBy(() -> RowMapper.of(Runnable.class)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> RowMapper.of(Status.class)).isInstanceOf(SerializationException.class);
    }
}
