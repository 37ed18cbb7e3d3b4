package ai.altertable.reactive.core.row;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowTest {

    private static final RowMetadata PEOPLE = RowMetadata.of(Column.of("id", "BIGINT"), Column.of("name", "VARCHAR"),
            Column.of("born", "DATE"));

    private static Row person(String line) {
        return Rows.fromJsonCells(PEOPLE, RawCells.parse(line));
    }

    @Test
    void readsByPositionAndByName() {
        Row row = person("[1,\"Alice\",\"1990-05-17\"]");

        assertThat(row.size()).isEqualTo(3);
        assertThat(row.metadata()).isSameAs(PEOPLE);
        assertThat(row.get(0)).isEqualTo(1L);
        assertThat(row.get("name")).isEqualTo("Alice");
        assertThat(row.get("NAME", String.class)).isEqualTo("Alice");
        assertThat(row.getLocalDate("born")).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(row.getInt("Id")).isEqualTo(1);
        assertThat(row.isNull("born")).isFalse();
        assertThat(row.values()).containsExactly(1L, "Alice", LocalDate.of(1990, 5, 17));
    }

    @Test
    void badIndexesAndNamesFailClearly() {
        Row row = person("[1,\"Alice\",null]");

        assertThatThrownBy(() -> row.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.isNull(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.get("nme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No column named 'nme'; available columns: [id, name, born]");
        assertThat(row.isNull(2)).isTrue();
        assertThat(row.getLocalDate(2)).isNull();
    }

    @Test
    void duplicateAndEmptyNamesWorkPositionally() {
        RowMetadata md = RowMetadata.of(Column.of("x", "INTEGER"), Column.of("x", "VARCHAR"), Column.of("", "BOOLEAN"));
        Row row = Rows.fromJsonCells(md, RawCells.parse("[1,\"one\",true]"));

        assertThat(row.get("x")).isEqualTo(1);
        assertThat(row.get(1)).isEqualTo("one");
        assertThat(row.get("")).isEqualTo(true);
        assertThat(row).hasToString("Row[x=1, x=one, =true]");
    }

    @Test
    void emptyColumnListWithCellsReadsNaturalValuesByPosition() {
        Row row = Rows.fromJsonCells(RowMetadata.empty(), RawCells.parse("[7,\"x\",1.50,[1,2],{\"k\":true}]"));

        assertThat(row.size()).isEqualTo(5);
        assertThat(row.get(0)).isEqualTo(7L);
        assertThat(row.get(1)).isEqualTo("x");
        assertThat(row.get(2)).isEqualTo(new BigDecimal("1.50"));
        assertThat(row.getList(3, Long.class)).containsExactly(1L, 2L);
        assertThat(row.getMap(4)).containsEntry("k", true);
        assertThat(row).hasToString("Row[7, x, 1.50, [1,2], {\"k\":true}]");
        assertThatThrownBy(() -> row.get("id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this result has no column names");
    }

    @Test
    void rowsHaveValueSemantics() {
        Row a = person("[1,\"Alice\",\"1990-05-17\"]");
        Row b = person("[1,\"Alice\",\"1990-05-17\"]");
        Row natural = Rows.of(RowMetadata.ofNames("id", "name", "born"), 1L, "Alice", LocalDate.of(1990, 5, 17));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isEqualTo(natural).hasSameHashCodeAs(natural);
        assertThat(a).isNotEqualTo(person("[2,\"Alice\",\"1990-05-17\"]"));
        assertThat(a).isNotEqualTo(Rows.of(RowMetadata.ofNames("ID", "name", "born"), 1L, "Alice",
                LocalDate.of(1990, 5, 17)));
    }

    @Test
    void equalityComparesBinaryByContentAndDecimalsByValue() {
        RowMetadata md = RowMetadata.ofNames("b", "d", "l");
        Row x = Rows.of(md, new byte[]{1, 2}, new BigDecimal("1.5"), List.of(new byte[]{3}));
        Row y = Rows.of(md, new byte[]{1, 2}, new BigDecimal("1.50"), List.of(new byte[]{3}));
        Row z = Rows.of(md, new byte[]{1, 3}, new BigDecimal("1.5"), List.of(new byte[]{3}));

        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x).isNotEqualTo(z);
    }

    @Test
    void toStringIsReadableAndBounded() {
        Row row = person("[1,\"" + "a".repeat(200) + "\",null]");

        assertThat(row.toString())
                .startsWith("Row[id=1, name=aaaa")
                .endsWith("…(200 chars), born=null]")
                .hasSizeLessThan(120);
        assertThat(Rows.of(RowMetadata.ofNames("b"), (Object) new byte[]{(byte) 0xde, (byte) 0xad}))
                .hasToString("Row[b=dead]");
        assertThat(Rows.of(RowMetadata.ofNames("t"), LocalDateTime.of(2024, 3, 1, 13, 45)))
                .hasToString("Row[t=2024-03-01T13:45:00]");
    }

    @Test
    void rowCreationTakesTheArrayWithoutCopying() {
        Object[] cells = {1L, "Alice", null};
        Row row = Rows.fromJsonCells(PEOPLE, cells);

        cells[1] = "Bob"; // documented as forbidden; shows that no copy is made
        assertThat(row.get(1)).isEqualTo("Bob");
    }

    @Test
    void decodedValuesAreCachedAndSafeToReadConcurrently() throws Exception {
        RowMetadata md = RowMetadata.of(Column.of("ts", "TIMESTAMP"), Column.of("l", "INTEGER[]"),
                Column.of("s", "STRUCT(a INTEGER, b DATE)"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(Rows.fromJsonCells(md, RawCells.parse(
                    "[\"2024-03-01T13:45:0" + (i % 10) + "\",[" + i + "," + (i + 1) + "],[" + i + ",\"2024-03-01\"]]")));
        }
        assertThat(rows.get(3).get(0)).isSameAs(rows.get(3).get(0));

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Object>> reader = () -> {
                    start.await();
                    List<Object> seen = new ArrayList<>();
                    for (Row r : rows) {
                        seen.add(Arrays.asList(r.get(0), r.getList(1, Long.class), r.getMap(2).get("a")));
                    }
                    return seen;
                };
                results.add(pool.submit(reader));
            }
            start.countDown();
            List<Object> first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<List<Object>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(first.get(7)).isEqualTo(Arrays.asList(LocalDateTime.of(2024, 3, 1, 13, 45, 7), List.of(7L, 8L), 7));
        } finally {
            pool.shutdownNow();
        }
    }
}
