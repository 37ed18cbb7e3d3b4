package ai.altertable.reactive.core.row;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowMetadataTest {

    @Test
    void findsExactThenCaseInsensitiveThenNothing() {
        RowMetadata md = RowMetadata.ofNames("Id", "id", "NAME", "name");

        assertThat(md.indexOf("id")).isEqualTo(1);
        assertThat(md.indexOf("Id")).isEqualTo(0);
        assertThat(md.indexOf("ID")).isEqualTo(0);
        assertThat(md.indexOf("name")).isEqualTo(3);
        assertThat(md.indexOf("Name")).isEqualTo(2);
        assertThat(md.indexOf("missing")).isEqualTo(-1);
        assertThat(md.contains("nAmE")).isTrue();
        assertThat(md.contains("missing")).isFalse();
    }

    @Test
    void duplicateAndEmptyNamesAreLegal() {
        RowMetadata md = RowMetadata.of(Column.of("x", "INTEGER"), Column.of("x", "VARCHAR"), Column.of("", "DATE"));

        assertThat(md.size()).isEqualTo(3);
        assertThat(md.indexOf("x")).isZero();
        assertThat(md.indexOf("")).isEqualTo(2);
        assertThat(md.column(1).type().kind()).isEqualTo(DuckDbType.Kind.VARCHAR);
        assertThat(md.names()).containsExactly("x", "x", "");
    }

    @Test
    void columnsKeepTheTypeNameAndParseIt() {
        Column typed = Column.of("n", "decimal(10,2)");
        Column untyped = Column.named("n");

        assertThat(typed.typeName()).isEqualTo("decimal(10,2)");
        assertThat(typed.type().scale()).isEqualTo(2);
        assertThat(typed).hasToString("n DECIMAL(10,2)");
        assertThat(untyped.typeName()).isNull();
        assertThat(untyped.type().kind()).isEqualTo(DuckDbType.Kind.UNKNOWN);
        assertThat(untyped).hasToString("n");
        assertThat(Column.of("n", DuckDbType.parse("INT"))).isEqualTo(Column.of("n", "INTEGER"));
        assertThatThrownBy(() -> Column.of(null, "INTEGER")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyMetadataDescribesAnyCellAsUnknown() {
        RowMetadata md = RowMetadata.of(List.of());

        assertThat(md).isSameAs(RowMetadata.empty());
        assertThat(md.size()).isZero();
        assertThat(md.typeAt(5)).isEqualTo(DuckDbType.unknown());
        assertThatThrownBy(() -> md.requireIndex("id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column names");
    }

    @Test
    void requireIndexListsTheAvailableNames() {
        RowMetadata md = RowMetadata.ofNames("id", "name");

        assertThatThrownBy(() -> md.requireIndex("nme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nme'")
                .hasMessageContaining("[id, name]");
    }

    @Test
    void isImmutable() {
        List<Column> source = new java.util.ArrayList<>(List.of(Column.named("a")));
        RowMetadata md = RowMetadata.of(source);
        source.add(Column.named("b"));

        assertThat(md.size()).isEqualTo(1);
        assertThatThrownBy(() -> md.columns().add(Column.named("c"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(md).isEqualTo(RowMetadata.ofNames("a")).hasToString("RowMetadata[a]");
    }
}
