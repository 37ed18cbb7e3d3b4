package ai.altertable.reactive.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReadOnlySqlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from events where kind = 'insert into x'",
            "  WITH t AS (SELECT 1 AS n) SELECT n FROM t;",
            "FROM events",
            "SHOW TABLES",
            "DESCRIBE events",
            "EXPLAIN SELECT 1",
            "VALUES (1), (2)",
            "SELECT \"update\" FROM t -- delete everything\n",
            "SELECT /* drop table */ 1;;",
            "SELECT $$create$$"})
    void readOnly(String sql) {
        assertThat(ReadOnlySql.isReadOnly(sql)).isTrue();
        assertThat(Operation.forQuery(sql)).isEqualTo(Operation.READ_ONLY_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "INSERT INTO t VALUES (1)",
            "SELECT 1; DROP TABLE t",
            "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
            "EXPLAIN ANALYZE SELECT 1",
            "SELECT nextval('seq')",
            "CREATE TABLE t AS SELECT 1",
            "SELECT 'unterminated",
            "SELECT /* unterminated",
            "COPY t TO 'file.csv'",
            "SET threads = 1",
            "USE other",
            "select update from t"})
    void mayWrite(String sql) {
        assertThat(ReadOnlySql.isReadOnly(sql)).isFalse();
        assertThat(Operation.forQuery(sql)).isEqualTo(Operation.QUERY);
    }
}
