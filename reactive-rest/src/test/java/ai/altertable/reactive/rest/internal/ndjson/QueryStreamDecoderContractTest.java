package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.row.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the decoder must be called: iterate each chunk to the end before the next, end once; failures stick. */
class QueryStreamDecoderContractTest {

    private static QueryStreamDecoder decoder() {
        return new QueryStreamDecoder(DecodeRun.DEFAULT_MAX_LINE, DecodeRun.CONTEXT, head -> { });
    }

    @Test
    void feedingBeforeThePreviousRowsWereIteratedIsRefused() {
        QueryStreamDecoder decoder = decoder();
        Iterator<Row> rows = decoder.feed(Bodies.utf8("{}\n[\"n\"]\n[1]\n[2]\n")).iterator();
        assertThat(rows.next().get(0)).isEqualTo(1L);

        assertThatThrownBy(() -> decoder.feed(Bodies.utf8("[3]\n"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(decoder::endOfInput).isInstanceOf(IllegalStateException.class);
        assertThat(rows.next().get(0)).isEqualTo(2L);
        assertThat(rows.hasNext()).isFalse();
        assertThat(decoder.feed(Bodies.utf8("[3]\n"))).extracting(r -> r.get(0)).containsExactly(3L);
    }

    @Test
    void aRowParsedAheadButNotTakenAlsoBlocksTheNextFeed() {
        QueryStreamDecoder decoder = decoder();
        Iterator<Row> rows = decoder.feed(Bodies.utf8("{}\n[\"n\"]\n[1]\n")).iterator();
        assertThat(rows.hasNext()).isTrue();

        assertThatThrownBy(() -> decoder.feed(Bodies.utf8("[2]\n"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEndIsSignalledOnceAndNothingIsFedAfterIt() {
        QueryStreamDecoder decoder = decoder();
        decoder.feed(Bodies.utf8("{}\n[]\n")).forEach(row -> { });
        assertThat(decoder.endOfInput()).isEmpty();

        assertThatThrownBy(decoder::endOfInput).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.feed(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyChunksAreHarmless() {
        QueryStreamDecoder decoder = decoder();
        List<Row> rows = new ArrayList<>();
        for (String part : new String[] {"", "{}", "", "\n[\"n\"]\n", "", "[1]", "", "\n"}) {
            decoder.feed(Bodies.utf8(part)).forEach(rows::add);
        }
        decoder.endOfInput().forEach(rows::add);

        assertThat(rows).hasSize(1);
    }

    @Test
    void aFailureIsThrownAgainByEveryLaterCall() {
        QueryStreamDecoder decoder = decoder();
        Iterator<Row> rows = decoder.feed(Bodies.utf8("{}\n[\"n\"]\n[1]\n[1,2]\n")).iterator();
        rows.next();
        ResponseParseException failure = null;
        try {
            rows.hasNext();
        } catch (ResponseParseException e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        ResponseParseException first = failure;
        assertThatThrownBy(rows::hasNext).isSameAs(first);
        assertThatThrownBy(() -> decoder.feed(new byte[0])).isSameAs(first);
        assertThatThrownBy(decoder::endOfInput).isSameAs(first);
    }

    @Test
    void theHeadIsKnownOnlyOnceTheColumnsLineIsDecoded() {
        QueryStreamDecoder decoder = decoder();
        decoder.feed(Bodies.utf8("{\"query_id\":\"q\"}\n[\"a\"")).forEach(row -> { });
        assertThat(decoder.head()).isNull();

        decoder.feed(Bodies.utf8("]\n")).forEach(row -> { });
        assertThat(decoder.head().metadata().queryId()).isEqualTo("q");
    }

    @Test
    void theCursorRefusesNextWhenNoRowIsComplete() {
        Iterator<Row> rows = decoder().feed(Bodies.utf8("{}\n[\"n\"]\n[1")).iterator();

        assertThatThrownBy(rows::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new QueryStreamDecoder(0, DecodeRun.CONTEXT, head -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
