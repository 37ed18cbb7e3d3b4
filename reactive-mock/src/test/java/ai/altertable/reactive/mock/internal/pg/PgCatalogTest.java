package ai.altertable.reactive.mock.internal.pg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog rewrite rules, and that they leave string literals and plain SQL alone. */
class PgCatalogTest {

    @Test
    void psqlOperatorsCollationsAndQualifiedCallsAreRewritten() {
        assertThat(PgCatalog.rewrite("SELECT 1 WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"
                + " AND pg_catalog.pg_table_is_visible(c.oid)"))
                .isEqualTo("SELECT 1 WHERE c.relname ~ '^(t)$' AND pg_table_is_visible(c.oid)");
        assertThat(PgCatalog.rewrite("SELECT c.oid::pg_catalog.regclass::pg_catalog.text FROM pg_catalog.pg_type t"))
                .isEqualTo("SELECT c.oid::BIGINT::VARCHAR FROM pg_type t");
        assertThat(PgCatalog.rewrite("SELECT 'pg_class'::regclass"))
                .isEqualTo("SELECT (SELECT oid FROM pg_class WHERE relname = 'pg_class' LIMIT 1)");
        assertThat(PgCatalog.rewrite("SELECT (information_schema._pg_expandarray(k)).n"))
                .isEqualTo("SELECT (_pg_expandarray(k)).n");
    }

    @Test
    void literalsAndPlainSqlAreLeftAlone() {
        String literal = "SELECT 'OPERATOR(pg_catalog.~) pg_catalog.f(x)' AS s, \"pg_catalog.g(\" FROM pg_catalog.pg_tables";
        assertThat(PgCatalog.rewrite(literal)).isEqualTo(literal);
        String plain = "SELECT name::VARCHAR FROM t WHERE x ~ 'a'";
        assertThat(PgCatalog.rewrite(plain)).isSameAs(plain);
    }

    @Test
    void transactionModesAreDroppedForDuckDb() {
        assertThat(TransactionStatements.forDuckDb("BEGIN ISOLATION LEVEL SERIALIZABLE")).isEqualTo("BEGIN TRANSACTION");
        assertThat(TransactionStatements.forDuckDb("START TRANSACTION READ ONLY")).isEqualTo("BEGIN TRANSACTION");
        assertThat(TransactionStatements.forDuckDb("BEGIN WORK")).isEqualTo("BEGIN WORK");
        assertThat(CannedAnswers.of("SHOW TRANSACTION ISOLATION LEVEL").values()).containsExactly("repeatable read");
        assertThat(CannedAnswers.of("SHOW TRANSACTION ISOLATION LEVEL x")).isNull();
        assertThat(CannedAnswers.of("SET TRANSACTION READ ONLY").tag()).isEqualTo("SET");
    }
}
