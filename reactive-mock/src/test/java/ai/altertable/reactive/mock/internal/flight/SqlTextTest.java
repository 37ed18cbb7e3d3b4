package ai.altertable.reactive.mock.internal.flight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    @Test
    void countsStatementsOutsideLiteralsAndComments() {
        assertThat(SqlText.hasSeveralStatements("SELECT 1")).isFalse();
        assertThat(SqlText.hasSeveralStatements("SELECT 1;")).isFalse();
        assertThat(SqlText.hasSeveralStatements("SELECT 1; ;  -- trailing; comment")).isFalse();
        assertThat(SqlText.hasSeveralStatements("SELECT ';' AS a, \"x;y\" FROM t /* ; */")).isFalse();
        assertThat(SqlText.hasSeveralStatements("SELECT $$a;b$$, $tag$;$tag$, E'\\';'")).isFalse();
        assertThat(SqlText.hasSeveralStatements("SELECT 1; SELECT 2")).isTrue();
        assertThat(SqlText.hasSeveralStatements("CREATE TABLE t (i INT); INSERT INTO t VALUES (1)")).isTrue();
        assertThat(SqlText.hasSeveralStatements("/* a /* nested */ comment; */ SELECT 1")).isFalse();
    }

    @Test
    void namedParametersAreRenumberedInOrderOfFirstAppearance() {
        SqlText.Parameters p = SqlText.parameters("SELECT $b + $a, $b, '$c', \"$d\" -- $e\n FROM t WHERE x = $a");
        assertThat(p.sql()).isEqualTo("SELECT $1 + $2, $1, '$c', \"$d\" -- $e\n FROM t WHERE x = $2");
        assertThat(p.names()).containsExactly("b", "a");
    }

    @Test
    void positionalAndMixedParametersAreLeftAlone() {
        assertThat(SqlText.parameters("SELECT ?, ?").sql()).isEqualTo("SELECT ?, ?");
        assertThat(SqlText.parameters("SELECT ?, ?").names()).isEmpty();
        assertThat(SqlText.parameters("SELECT $2, $1").names()).isEmpty();
        assertThat(SqlText.parameters("SELECT $a, ?").sql()).isEqualTo("SELECT $a, ?");
        assertThat(SqlText.parameters("SELECT $$not a parameter$$").names()).isEqualTo(List.of());
    }
}
