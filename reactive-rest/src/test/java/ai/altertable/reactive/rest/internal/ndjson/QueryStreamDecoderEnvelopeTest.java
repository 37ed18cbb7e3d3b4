package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope of protocol §5.2 and the edge cases of §15: both column shapes and {@code []}, zero rows, errors
 * instead of the columns and after rows, duplicate and empty names, unknown and missing metadata keys, and every wrong
 * shape and malformed line, each failure with the right type, line number and context.
 */
class QueryStreamDecoderEnvelopeTest {

    private static final String META = "{\"query_id\":\"q-7\",\"session_id\":\"s-7\"}";

    private static Decoded decode(String... lines) {
        return DecodeRun.whole(Bodies.lines(lines));
    }

    private static Consumer<Throwable> parseFailure(long line, String messagePart) {
        return e -> assertThat(e).isInstanceOfSatisfying(ResponseParseException.class, p -> {
            assertThat(p.lineNumber()).isEqualTo(line);
            assertThat(p.getMessage()).contains(messagePart);
            assertThat(p.context()).isEqualTo(DecodeRun.CONTEXT);
        });
    }

    @Test
    void theMockShapeGivesNamedColumnsWithoutTypes() {
        Decoded decoded = decode(META, "[\"n\",\"s\"]", "[7,\"x\"]");

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.head().columns()).isEqualTo(RowMetadata.ofNames("n", "s"));
        assertThat(decoded.head().columns().column(0).typeName()).isNull();
        assertThat(decoded.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("n")).isEqualTo(7L);
            assertThat(row.get("s")).isEqualTo("x");
        });
    }

    @Test
    void theProductionShapeGivesTypedColumnsAndIgnoresExtraKeys() {
        Decoded decoded = decode(META, "[{\"name\":\"n\",\"type\":\"BIGINT\",\"nullable\":true,\"comment\":{\"x\":1}},"
                + "{\"type\":\"DECIMAL(10,2)\",\"name\":\"d\"},{\"name\":\"u\"},{\"name\":\"v\",\"type\":null}]", "[1,2.5,\"x\",[1]]");

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.head().columns()).isEqualTo(RowMetadata.of(Column.of("n", "BIGINT"),
                Column.of("d", "DECIMAL(10,2)"), Column.named("u"), Column.named("v")));
        Row row = decoded.rows().get(0);
        assertThat(row.metadata().column(1).type().kind()).isEqualTo(DuckDbType.Kind.DECIMAL);
        assertThat(row.get("d")).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void emptyColumnsAcceptRowsOfAnyLength() {
        Decoded decoded = decode(META, "[]", "[]", "[1]", "[1,\"two\",[3],{\"4\":4},null]");

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.head().columns()).isEqualTo(RowMetadata.empty());
        assertThat(decoded.rows()).extracting(Row::size).containsExactly(0, 1, 5);
        assertThat(decoded.cells().get(2)).isEqualTo(Bodies.expectedCells("[1,\"two\",[3],{\"4\":4},null]"));
    }

    @Test
    void zeroRowResultsGiveTheHeadAndNoRows() {
        for (String columns : List.of("[]", "[\"a\"]", "[{\"name\":\"a\",\"type\":\"INTEGER\"}]")) {
            Decoded decoded = decode(META, columns);

            assertThat(decoded.failure()).as(columns).isNull();
            assertThat(decoded.headCalls()).isEqualTo(1);
            assertThat(decoded.head().metadata().queryId()).isEqualTo("q-7");
            assertThat(decoded.rows()).isEmpty();
        }
    }

    @Test
    void duplicateAndEmptyColumnNamesStayPositional() {
        Decoded decoded = decode(META, "[\"a\",\"\",\"a\",\"\"]", "[1,2,3,4]");

        Row row = decoded.rows().get(0);
        assertThat(row.metadata().names()).containsExactly("a", "", "a", "");
        assertThat(row.values()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(row.get("a")).isEqualTo(1L);
        assertThat(row.get("")).isEqualTo(2L);
    }

    @Test
    void unknownMetadataKeysAreKeptAndMissingOnesAreNull() {
        Decoded decoded = decode("{\"query_id\":\"q-1\",\"stats\":{\"rows\":3},\"progress\":0.5}", "[]");

        QueryMetadata metadata = decoded.head().metadata();
        assertThat(metadata.queryId()).isEqualTo("q-1");
        assertThat(metadata.workerSlug()).isNull();
        assertThat(metadata.initTimeMs()).isNull();
        assertThat(metadata.connectionsErrors()).isEmpty();
        assertThat(metadata.extra()).containsOnlyKeys("stats", "progress");
        assertThat(decode("{}", "[]").head().metadata().queryId()).isNull();
    }

    @Test
    void anErrorInsteadOfTheColumnsIsAQueryErrorOnLine2WithTheQueryId() {
        Decoded decoded = decode(META, "{\"error\":\"Failed to prepare statement: Catalog Error: Table with name nope "
                + "does not exist!\\nLINE 1: ...\",\"code\":\"CATALOG\"}", "this line is never read");

        assertThat(decoded.head()).isNull();
        assertThat(decoded.failure()).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(2);
            assertThat(e.queryId()).isEqualTo("q-7");
            assertThat(e.serverMessage()).isEqualTo("Failed to prepare statement: Catalog Error: Table with name nope "
                    + "does not exist!\nLINE 1: ...");
            assertThat(e.context()).isEqualTo(DecodeRun.CONTEXT);
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Test
    void anErrorAfterRowsComesAfterThoseRowsWithItsLineNumber() {
        Decoded decoded = decode(META, "[\"n\"]", "[1]", "[2]", "[3]", "{\"error\":\"boom\"}", "[4]", "{\"error\":\"x\"}");

        assertThat(decoded.rows()).extracting(r -> r.get(0)).containsExactly(1L, 2L, 3L);
        assertThat(decoded.failure()).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(6);
            assertThat(e.queryId()).isEqualTo("q-7");
            assertThat(e.serverMessage()).isEqualTo("boom");
        });
    }

    @Test
    void anErrorValueThatIsNotAStringIsStillAQueryError() {
        Decoded decoded = decode(META, "[\"n\"]", "{\"error\":{\"message\":\"deep\"}}");

        assertThat(decoded.failure()).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.serverMessage()).isEqualTo("{\"message\":\"deep\"}"));
    }

    @Test
    void aFirstLineThatIsAnErrorWithoutQueryIdIsAQueryErrorOnLine1() {
        Decoded decoded = decode("{\"error\":\"not ready\"}");

        assertThat(decoded.failure()).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(1);
            assertThat(e.queryId()).isNull();
            assertThat(e.serverMessage()).isEqualTo("not ready");
        });
    }

    @Test
    void aFirstLineThatIsNotAnObjectIsAParseErrorOnLine1() {
        assertThat(decode("\"metadata\"", "[]").failure()).satisfies(parseFailure(1, "not a JSON object but a string"));
        assertThat(decode("[\"a\"]", "[]").failure()).satisfies(parseFailure(1, "not a JSON object but an array"));
        assertThat(decode("42 ", "[]").failure()).satisfies(parseFailure(1, "but a number"));
    }

    @Test
    void metadataWithAKnownKeyOfTheWrongTypeIsAParseErrorOnLine1() {
        assertThat(decode("{\"rows_limit\":{\"no\":1}}", "[]").failure())
                .satisfies(parseFailure(1, "the metadata line does not match the protocol"));
    }

    @Test
    void aSecondLineOfAnotherShapeIsAParseErrorOnLine2() {
        assertThat(decode(META, "\"id\"").failure()).satisfies(parseFailure(2, "but a string"));
        assertThat(decode(META, "null").failure()).satisfies(parseFailure(2, "but null"));
        assertThat(decode(META, "{\"columns\":[]}").failure())
                .satisfies(parseFailure(2, "the columns line is an object without an \"error\" key"));
        assertThat(decode(META, "[\"a\",7]").failure()).satisfies(parseFailure(2, "column 2 of the columns line"));
        assertThat(decode(META, "[{\"type\":\"INTEGER\"}]").failure()).satisfies(parseFailure(2, "no string \"name\""));
        assertThat(decode(META, "[{\"name\":\"a\",\"type\":3}]").failure())
                .satisfies(parseFailure(2, "\"type\" that is not a string"));
    }

    @Test
    void rowsThatAreNotArraysAreParseErrorsWithTheirLineAfterTheRowsBefore() {
        Decoded objectRow = decode(META, "[\"n\"]", "[1]", "{\"n\":2}");
        assertThat(objectRow.rows()).hasSize(1);
        assertThat(objectRow.failure()).satisfies(parseFailure(4, "a row line is an object without an \"error\" key"));

        assertThat(decode(META, "[\"n\"]", "[1]", "[2]", "3").failure())
                .satisfies(parseFailure(5, "a row line is not a JSON array but a number"));
        assertThat(decode(META, "[\"n\"]", "\"x\"").failure()).satisfies(parseFailure(3, "but a string"));
        assertThat(decode(META, "[\"n\"]", "true").failure()).satisfies(parseFailure(3, "but a boolean"));
    }

    @Test
    void aRowWhoseLengthDiffersFromTheColumnsIsAParseErrorWithItsLine() {
        assertThat(decode(META, "[\"a\",\"b\"]", "[1,2]", "[1]").failure())
                .satisfies(parseFailure(4, "row has 1 cells but the columns line has 2"));
        assertThat(decode(META, "[\"a\",\"b\"]", "[1,2]", "[1,2]", "[1,2,3]").failure())
                .satisfies(parseFailure(5, "more cells than the 2 columns"));
        assertThat(decode(META, "[\"a\"]", "[]").failure()).satisfies(parseFailure(3, "row has 0 cells"));
    }

    @Test
    void malformedJsonIsAParseErrorWithTheLineItIsOn() {
        Decoded decoded = decode(META, "[\"n\"]", "[1]", "[2,}", "[3]");
        assertThat(decoded.rows()).hasSize(1);
        assertThat(decoded.failure()).satisfies(parseFailure(4, "malformed JSON"));

        assertThat(decode(META, "[\"n\"]", "[1]", "[1]", "nope").failure()).satisfies(parseFailure(5, "malformed JSON"));
        assertThat(decode("{\"query_id\":}", "[]").failure()).satisfies(parseFailure(1, "malformed JSON"));
        assertThat(decode(META, "[\"a\"]", "[\"raw\ttab\"]").failure()).satisfies(parseFailure(3, "malformed JSON"));
    }

    @Test
    void invalidUtf8IsMalformedJsonOnItsLine() {
        byte[] head = Bodies.lines(META, "[\"s\"]", "[\"ok\"]");
        byte[] bad = {'[', '"', 'a', (byte) 0xFF, 'b', '"', ']', '\n'};
        byte[] body = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);

        Decoded decoded = DecodeRun.inChunksOf(body, 3);

        assertThat(decoded.rows()).hasSize(1);
        assertThat(decoded.failure()).satisfies(parseFailure(4, "malformed JSON"));
    }

    @Test
    void aLineThatEndsInsideItsValueIsReportedOnThatLine() {
        Decoded decoded = decode(META, "[\"n\"]", "[1]", "[2", "[3]");

        assertThat(decoded.failure()).satisfies(parseFailure(4, "malformed JSON"));
        assertThat(decoded.failure()).hasMessageContaining("found on line 5");
    }

    @Test
    void twoValuesOnOneLineBreakTheOneValuePerLineFraming() {
        assertThat(decode(META, "[\"n\"]", "[1] [2]").failure())
                .satisfies(parseFailure(3, "more than one JSON value on one line"));
        assertThat(decode(META + "[\"n\"]").failure()).satisfies(parseFailure(1, "more than one JSON value"));
    }

    @Test
    void aValueSpanningLinesIsAcceptedAndLaterLinesKeepTheirNumbers() {
        Decoded decoded = decode(META, "[]", "[1", "]", "[2,", "", "3]", "{\"error\":\"e\"}");

        assertThat(decoded.cells()).containsExactly(List.of(1L), List.of(2L, 3L));
        assertThat(decoded.failure()).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.lineNumber()).isEqualTo(8));
    }

    @Test
    void anEmptyStringIsARowCellAndNotAnEndOfLine() {
        Decoded decoded = decode(META, "[\"\"]", "[\"\"]", "[\"\\n\"]");

        assertThat(decoded.cells()).containsExactly(List.of(""), List.of("\n"));
    }
}
