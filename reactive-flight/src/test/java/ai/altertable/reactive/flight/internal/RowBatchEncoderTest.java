package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows become cells with their text encoded to UTF-8 once: the size the batching engine cuts by is the size the
 * value-by-value estimate gives (multibyte text included), and the record batch holds the same text.
 */
class RowBatchEncoderTest {

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", new FieldType(false, new ArrowType.Int(64, true), null), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("note", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null)));

    /** One, two, three and four bytes a character in UTF-8, mixed, and empty. */
    private static final List<String> TEXTS = List.of("a", "é", "€", "\uD83D\uDE00", "aé€\uD83D\uDE00", "");

    private enum Color { RED }

    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close(); // throws on a leak
    }

    @Test
    void multibyteText_isSizedAsTheValueEstimate_andWrittenAsItsUtf8Bytes() {
        RowBatchEncoder encoder = RowBatchEncoder.of(SCHEMA);
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            rows.add(Arrays.asList((long) i, TEXTS.get(i), TEXTS.get(TEXTS.size() - 1 - i)));
        }
        rows.add(Arrays.asList(99L, null, null));
        List<Object[]> cells = new ArrayList<>();
        for (List<?> row : rows) {
            Object[] c = encoder.cells(row);
            assertThat(encoder.size(c)).as("size of %s", row).isEqualTo(RowBatchEncoder.estimate(SCHEMA.getFields(), row));
            cells.add(c);
        }
        assertThat(encoder.size(cells.get(2))).isEqualTo(9 + (5 + 3) + (9 + 4)); // "€" and the emoji
        // a lone surrogate is written as '?': sized as the bytes written (the value estimate counts 4 for it)
        assertThat(encoder.size(encoder.cells(Arrays.asList(1L, "x\uD800y", null)))).isEqualTo(9 + (5 + 3) + 9);
        try (VectorSchemaRoot root = encoder.encode(cells, allocator)) {
            assertThat(root.getRowCount()).isEqualTo(rows.size());
            VarCharVector name = (VarCharVector) root.getVector("name");
            LargeVarCharVector note = (LargeVarCharVector) root.getVector("note");
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(((BigIntVector) root.getVector("id")).get(i)).isEqualTo(i);
                assertThat(name.get(i)).isEqualTo(TEXTS.get(i).getBytes(StandardCharsets.UTF_8));
                assertThat(note.get(i)).isEqualTo(TEXTS.get(TEXTS.size() - 1 - i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(name.getObject(4).toString()).isEqualTo("aé€\uD83D\uDE00");
            assertThat(name.isNull(TEXTS.size())).isTrue();
            assertThat(note.isNull(TEXTS.size())).isTrue();
        }
    }

    @Test
    void nullsBetweenTexts_keepEachTextAtItsRow_inABatchLargerThanAVectorsDefaultCapacity() {
        RowBatchEncoder encoder = RowBatchEncoder.of(SCHEMA);
        List<Object[]> cells = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String name = i % 3 == 1 ? null : "€" + i + "-".repeat(40); // nulls between texts; 200 KB of text
            names.add(name);
            cells.add(encoder.cells(Arrays.asList((long) i, name, i % 5 == 0 ? null : "n" + i)));
        }
        try (VectorSchemaRoot root = encoder.encode(cells, allocator)) {
            VarCharVector name = (VarCharVector) root.getVector("name");
            LargeVarCharVector note = (LargeVarCharVector) root.getVector("note");
            for (int i = 0; i < 5000; i++) {
                assertThat(name.getObject(i) == null ? null : name.getObject(i).toString()).isEqualTo(names.get(i));
                assertThat(note.getObject(i) == null ? null : note.getObject(i).toString())
                        .isEqualTo(i % 5 == 0 ? null : "n" + i);
            }
        }
    }

    @Test
    void uuidsEnumsAndCharSequences_areText_aValueOfAnotherType_failsAtTheWriteNamingTheColumn() {
        RowBatchEncoder encoder = RowBatchEncoder.of(SCHEMA);
        UUID uuid = UUID.randomUUID();
        List<?> row = Arrays.asList(1L, uuid, Color.RED);
        List<?> builder = Arrays.asList(2L, new StringBuilder("sb"), null);
        Object[] a = encoder.cells(row);
        Object[] b = encoder.cells(builder);
        assertThat(encoder.size(a)).isEqualTo(RowBatchEncoder.estimate(SCHEMA.getFields(), row));
        try (VectorSchemaRoot root = encoder.encode(List.of(a, b), allocator)) {
            assertThat(root.getVector("name").getObject(0).toString()).isEqualTo(uuid.toString());
            assertThat(root.getVector("note").getObject(0).toString()).isEqualTo("RED");
            assertThat(root.getVector("name").getObject(1).toString()).isEqualTo("sb");
        }

        List<?> bytes = Arrays.asList(3L, new byte[] {1, 2}, null); // not text: refused, as before
        Object[] wrong = encoder.cells(bytes);
        assertThat(encoder.size(wrong)).isEqualTo(RowBatchEncoder.estimate(SCHEMA.getFields(), bytes));
        assertThatThrownBy(() -> encoder.encode(List.of(a, wrong), allocator))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write a byte[] into column 'name'");
        Object[] nullId = encoder.cells(Arrays.asList(null, "x", "y"));
        assertThatThrownBy(() -> encoder.encode(List.<Object[]>of(nullId), allocator))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write null into column 'id'");
    }

    @Test
    void aBatchIsCutExactlyAtTheByteLimit_byTheUtf8SizeOfItsText_andItsBuffersStayWithinIt() {
        RowBatchEncoder encoder = RowBatchEncoder.of(SCHEMA);
        // 9 (id) + 5 + 6 ("€€") + 9 + 1 ("é" is 2 bytes, "e" 1) = 30 or 31 estimated bytes a row
        List<List<Object>> rows = IntStream.range(0, 12)
                .mapToObj(i -> Arrays.<Object>asList((long) i, "€€", i == 7 ? "é" : "e")).toList();
        int maxBytes = 5 * 30; // five rows of 30 fill a batch to the byte; the row of 31 starts the next one
        BatchingOptions batching = BatchingOptions.builder().maxRows(1000).maxBytes(maxBytes)
                .linger(Duration.ofMinutes(10)).build();
        List<Long> buffers = new CopyOnWriteArrayList<>();
        StepVerifier.create(Batcher.write(Flux.fromIterable(rows).map(encoder::cells), encoder::size, batching,
                                RetryPolicy.none(), Operation.FLIGHT_INGEST, batch -> Mono.fromSupplier(() -> {
                                    try (VectorSchemaRoot root = encoder.encode(batch.items(), allocator)) {
                                        buffers.add(RootSlices.bufferBytes(root));
                                        return (long) root.getRowCount();
                                    }
                                }))
                        .map(BatchResult::bytes))
                .expectNext(150L) // rows 0-4: exactly the limit, not cut before it
                .expectNext(121L) // rows 5-8 (row 7 has 31 bytes): row 9 would take it to 151
                .expectNext(90L) // rows 9-11
                .verifyComplete();
        assertThat(buffers).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(maxBytes));
    }
}
