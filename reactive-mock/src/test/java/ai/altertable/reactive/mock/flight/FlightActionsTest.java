package ai.altertable.reactive.mock.flight;

import com.google.protobuf.Any;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCancelQueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ListActions and the actions the mock does not serve (protocol §6). */
class FlightActionsTest extends FlightTestBase {

    @Test
    void listActionsAnswersTheEightStandardOnes() {
        List<String> types = new ArrayList<>();
        for (ActionType type : client().flight.listActions()) {
            types.add(type.getType());
        }
        assertThat(types).containsExactlyInAnyOrder("CreatePreparedStatement", "ClosePreparedStatement",
                "CreatePreparedSubstraitPlan", "BeginTransaction", "EndTransaction", "BeginSavepoint", "EndSavepoint",
                "CancelQuery");
    }

    @Test
    void cancelQueryIsNeverPossible() throws Exception {
        Iterator<Result> results = client().flight.doAction(new Action("CancelQuery", new byte[0]));
        ActionCancelQueryResult result = Any.parseFrom(results.next().getBody()).unpack(ActionCancelQueryResult.class);
        assertThat(result.getResult()).isEqualTo(ActionCancelQueryResult.CancelResult.CANCEL_RESULT_NOT_CANCELLABLE);
    }

    @Test
    void unservedActionsAreUnimplemented() {
        FlightTestClient client = client();
        assertThat(unimplemented(client, "BeginSavepoint")).isEqualTo(
                "do_action_begin_savepoint has no default implementation");
        assertThat(unimplemented(client, "EndSavepoint")).isEqualTo(
                "do_action_end_savepoint has no default implementation");
        assertThat(unimplemented(client, "CancelFlightInfo")).isEqualTo("Action 'CancelFlightInfo' is not supported");
        assertThat(unimplemented(client, "RenewFlightEndpoint")).isEqualTo(
                "Action 'RenewFlightEndpoint' is not supported");
        assertThat(unimplemented(client, "Whatever")).isEqualTo("Action 'Whatever' is not supported");
    }

    private static String unimplemented(FlightTestClient client, String type) {
        return failure(FlightStatusCode.UNIMPLEMENTED, () -> client.flight.doAction(new Action(type, new byte[0]))
                .forEachRemaining(r -> { })).getMessage();
    }
}
