package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.row.RowMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunk boundaries anywhere (protocol §15.6): inside tokens, inside multi-byte UTF-8 characters, between {@code \r}
 * and {@code \n}, several lines per chunk, no final newline. Every way of cutting a body must give what the unsplit body
 * gives, and that must be what an independent databind reading of each line gives.
 */
class QueryStreamDecoderChunkingTest {

    private static final List<String> NAMES_BODY = Bodies.body(Bodies.NAME_COLUMNS, Bodies.ROWS);
    private static final List<String> TYPED_BODY = Bodies.body(Bodies.TYPED_COLUMNS, Bodies.TYPED_ROWS);

    @Test
    void theUnsplitBodyGivesExactlyTheCellsOfAnIndependentReading() {
        Decoded decoded = DecodeRun.whole(Bodies.lines(NAMES_BODY));

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.headCalls()).isEqualTo(1);
        assertThat(decoded.head().metadata().queryId()).isEqualTo(Bodies.QUERY_ID);
        assertThat(decoded.head().columns().names()).containsExactly("id", "name", "", "name", "payload", "price", "big");
        List<List<Object>> expected = new ArrayList<>();
        for (String row : Bodies.ROWS) {
            expected.add(Bodies.expectedCells(row));
        }
        assertThat(decoded.cells()).isEqualTo(expected);
    }

    @Test
    void everySplitPointGivesTheUnsplitResult() {
        byte[] body = Bodies.lines(NAMES_BODY);
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.rows()).hasSize(Bodies.ROWS.size());

        for (int cut = 0; cut <= body.length; cut++) {
            Decoded split = DecodeRun.cutAt(body, cut);
            assertThat(split.sameAs(whole)).as("cut at byte %d: %s", cut, split.failureSummary()).isTrue();
        }
    }

    @Test
    void everySplitPointOfATypedCrLfBodyWithoutFinalNewlineGivesTheUnsplitResult() {
        byte[] body = Bodies.crlfWithoutFinalNewline(TYPED_BODY);
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.failure()).isNull();
        assertThat(whole.rows()).hasSize(Bodies.TYPED_ROWS.size());
        assertThat(whole.head().columns().column(4).typeName()).isEqualTo("DECIMAL(18,2)");

        for (int cut = 0; cut <= body.length; cut++) {
            Decoded split = DecodeRun.cutAt(body, cut);
            assertThat(split.sameAs(whole)).as("cut at byte %d: %s", cut, split.failureSummary()).isTrue();
        }
    }

    @Test
    void everyPairOfSplitPointsOfAShortBodyGivesTheUnsplitResult() {
        byte[] body = Bodies.lines("{\"query_id\":\"q\"}", "[\"a\",\"b\"]", "[\"é日\",{\"🎉\":[1.50]}]", "[-1,null]");
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.rows()).hasSize(2);

        for (int first = 0; first <= body.length; first++) {
            for (int second = first; second <= body.length; second++) {
                Decoded split = DecodeRun.cutAt(body, first, second);
                assertThat(split.sameAs(whole)).as("cuts at %d and %d", first, second).isTrue();
            }
        }
    }

    @Test
    void chunksFedThroughOneReusedArrayGiveTheUnsplitResultAtEverySplitPoint() {
        // the decoder keeps no reference to a chunk it has used up: the caller may overwrite the array with the next
        byte[] body = Bodies.lines("{\"query_id\":\"q\"}", "[\"a\",\"b\"]", "[\"é日\",{\"🎉\":[1.50]}]", "[-1,null]");
        Decoded whole = DecodeRun.whole(body);

        for (int first = 0; first <= body.length; first++) {
            for (int second = first; second <= body.length; second++) {
                Decoded split = DecodeRun.throughOneArray(body, first, second);
                assertThat(split.sameAs(whole)).as("cuts at %d and %d: %s", first, second, split.failureSummary())
                        .isTrue();
            }
        }
    }

    @Test
    void oneByteChunksGiveTheUnsplitResult() {
        byte[] body = Bodies.lines(NAMES_BODY);

        assertThat(DecodeRun.inChunksOf(body, 1).sameAs(DecodeRun.whole(body))).isTrue();
    }

    @Test
    void randomChunkSizesGiveTheUnsplitResult() {
        byte[] body = Bodies.lines(NAMES_BODY);
        Decoded whole = DecodeRun.whole(body);
        Random random = new Random(20261124);
        for (int run = 0; run < 200; run++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = random.nextInt(40); at < body.length; at += 1 + random.nextInt(40)) {
                cuts.add(at);
            }
            int[] offsets = cuts.stream().mapToInt(Integer::intValue).toArray();
            assertThat(DecodeRun.cutAt(body, offsets).sameAs(whole)).as("cuts %s", cuts).isTrue();
        }
    }

    @Test
    void anErrorAfterRowsIsTheSameAtEverySplitPoint() {
        List<String> lines = new ArrayList<>(NAMES_BODY);
        lines.add("{\"error\":\"Failed to execute query: Out of Memory Error: 日本 ✗\"}");
        lines.add("[\"never\",\"read\"]");
        byte[] body = Bodies.lines(lines);
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.rows()).hasSize(Bodies.ROWS.size());
        assertThat(whole.failure()).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(2 + Bodies.ROWS.size() + 1);
            assertThat(e.serverMessage()).isEqualTo("Failed to execute query: Out of Memory Error: 日本 ✗");
        });

        for (int cut = 0; cut <= body.length; cut++) {
            assertThat(DecodeRun.cutAt(body, cut).sameAs(whole)).as("cut at byte %d", cut).isTrue();
        }
    }

    @Test
    void manyLinesInOneChunkAndBlankLinesBetweenThem() {
        byte[] body = Bodies.utf8(Bodies.METADATA + "\n" + Bodies.NAME_COLUMNS + "\n\n" + Bodies.ROWS.get(0) + "\r\n\r\n"
                + Bodies.ROWS.get(1) + "\n");

        Decoded decoded = DecodeRun.whole(body);

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.cells()).containsExactly(Bodies.expectedCells(Bodies.ROWS.get(0)),
                Bodies.expectedCells(Bodies.ROWS.get(1)));
    }

    @Test
    void theHeadIsGivenOnceBeforeTheFirstRowWhateverTheChunking() {
        byte[] body = Bodies.lines(NAMES_BODY);
        for (int size = 1; size <= 64; size++) {
            Decoded decoded = DecodeRun.inChunksOf(body, size);
            assertThat(decoded.headCalls()).as("chunks of %d", size).isEqualTo(1);
            assertThat(decoded.head().columns()).isEqualTo(RowMetadata.ofNames("id", "name", "", "name", "payload",
                    "price", "big"));
        }
    }
}
