package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Flight client logs, with its loggers at DEBUG (see {@code simplelogger.properties}): one DEBUG line per call
 * when it ends (operation, RPC, outcome, record batches for a stream, duration), a cancelled stream as CANCELLED;
 * nothing per row or per batch; nothing at INFO or above for work that went well.
 */
class LogLinesTest extends FlightTestSupport {

    private static final Schema ID = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));

    @Test
    void oneDebugLinePerCallAndNothingPerRowOrBatch() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 3, 1000));
        String logs;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(SecretProbes.tee(err, captured), true, StandardCharsets.UTF_8));
        try {
            assertThat(client.query("SELECT * FROM t").count().block(TIMEOUT)).isEqualTo(3000);
            assertThat(client.query("SELECT * FROM t").take(1).count().block(TIMEOUT)).isEqualTo(1);
            assertThat(client.ingest(IngestOptions.builder(TableRef.of("memory", "main", "events")).build(),
                    Flux.range(0, 3).map(i -> root(i * 10L))).count().block(TIMEOUT))
                    .isEqualTo(3);
        } finally {
            System.setErr(err);
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = Arrays.stream(logs.split("\n"))
                .filter(l -> l.contains(" ai.altertable.reactive.") && !l.contains(" ai.altertable.reactive.mock."))
                .toList();

        assertThat(lines).filteredOn(l -> l.contains(" - flightQuery GetFlightInfo -> OK in "))
                .as("%s", lines).hasSize(2);
        assertThat(lines).filteredOn(l -> l.matches(".* - flightQuery DoGet -> OK after 3 batches in \\d+ ms\\s*"))
                .as("%s", lines).hasSize(1);
        assertThat(lines).filteredOn(l -> l.matches(".* - flightQuery DoGet -> CANCELLED after \\d batches in \\d+ ms\\s*"))
                .as("%s", lines).hasSize(1);
        assertThat(lines).filteredOn(l -> l.matches(".* - flightIngest DoPut -> OK after 1 batches in \\d+ ms\\s*"))
                .as("%s", lines).hasSize(3);
        assertThat(lines).as("library lines at INFO or above").noneMatch(l -> l.matches(".*\\] (INFO|WARN|ERROR) .*"));
        assertThat(lines.size()).as("lines in all, for 3,001 rows read and 3 batches written: %s", lines).isLessThan(15);
    }

    private VectorSchemaRoot root(long first) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ID, allocator);
        BigIntVector id = (BigIntVector) root.getVector(0);
        id.allocateNew(10);
        for (int i = 0; i < 10; i++) {
            id.set(i, first + i);
        }
        root.setRowCount(10);
        return root;
    }
}
