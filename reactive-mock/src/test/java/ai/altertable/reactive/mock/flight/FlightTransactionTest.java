package ai.altertable.reactive.mock.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionEndTransactionRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions (protocol §11): session-wide, ids never checked. */
class FlightTransactionTest extends FlightTestBase {

    @Test
    void commitMakesTheSessionsWritesVisibleToOtherSessions() {
        FlightTestClient writer = client();
        FlightTestClient reader = client();
        writer.update("CREATE TABLE IF NOT EXISTS tx_commit (i INTEGER)");
        Transaction transaction = writer.sql.beginTransaction();
        assertThat(new String(transaction.getTransactionId(), StandardCharsets.US_ASCII))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        // a statement without the id runs inside the transaction too
        writer.update("INSERT INTO tx_commit VALUES (1)");
        assertThat(writer.query("SELECT count(*) FROM tx_commit")).containsExactly(List.of(1L));
        assertThat(reader.query("SELECT count(*) FROM tx_commit")).containsExactly(List.of(0L));
        writer.sql.commit(transaction);
        assertThat(reader.query("SELECT count(*) FROM tx_commit")).containsExactly(List.of(1L));
    }

    @Test
    void rollbackUndoesAndLaterStatementsAutocommit() {
        FlightTestClient client = client();
        client.update("CREATE TABLE IF NOT EXISTS tx_rollback (i INTEGER)");
        Transaction transaction = client.sql.beginTransaction();
        client.update("INSERT INTO tx_rollback VALUES (1)");
        client.sql.rollback(transaction);
        assertThat(client.query("SELECT count(*) FROM tx_rollback")).containsExactly(List.of(0L));
        client.update("INSERT INTO tx_rollback VALUES (2)");
        assertThat(client().query("SELECT count(*) FROM tx_rollback")).containsExactly(List.of(1L));
    }

    @Test
    void duckDbRefusalsAreInternalAndAnUnspecifiedActionIsInvalid() {
        FlightTestClient client = client();
        Transaction transaction = client.sql.beginTransaction();
        assertThat(failure(FlightStatusCode.INTERNAL, client.sql::beginTransaction).getMessage())
                .startsWith("Failed to execute query: ")
                .contains("cannot start a transaction within a transaction");
        client.sql.commit(transaction);
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.rollback(transaction)).getMessage())
                .startsWith("Failed to execute query: ").contains("no transaction is active");
        assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.flight.doAction(new Action(
                "EndTransaction", Any.pack(ActionEndTransactionRequest.newBuilder()
                        .setTransactionId(ByteString.copyFromUtf8("x")).build()).toByteArray()))
                .forEachRemaining(r -> { })).getMessage()).isEqualTo("Invalid transaction action");
    }
}
