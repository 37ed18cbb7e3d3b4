package ai.altertable.reactive.mock.flight;

import com.google.protobuf.Any;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.impl.Flight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Session options (protocol §5). */
class FlightSessionOptionsTest extends FlightTestBase {

    @Test
    void catalogAndSchemaTakeEffectThroughUse() {
        FlightTestClient client = client();
        client.update("CREATE SCHEMA IF NOT EXISTS opts");
        client.update("CREATE TABLE IF NOT EXISTS opts.only_here AS SELECT 5 AS five");
        SetSessionOptionsResult result = client.sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                "catalog", SessionOptionValueFactory.makeSessionOptionValue("memory"),
                "schema", SessionOptionValueFactory.makeSessionOptionValue("opts"))));
        assertThat(result.getErrors()).isEmpty();
        assertThat(client.query("SELECT five FROM only_here")).containsExactly(List.of(5));
        assertThat(client.query("SELECT current_schema()")).containsExactly(List.of("opts"));
        // another session is not affected
        assertThat(client().query("SELECT current_schema()")).containsExactly(List.of("main"));
    }

    @Test
    void badValuesAndUnknownNamesAreReportedInTheResultMap() {
        FlightTestClient client = client();
        SetSessionOptionsResult result = client.sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                "compute_size", SessionOptionValueFactory.makeSessionOptionValue("AUTO"),
                "schema", SessionOptionValueFactory.makeSessionOptionValue(42L),
                "colour", SessionOptionValueFactory.makeSessionOptionValue("blue"),
                "catalog", SessionOptionValueFactory.makeSessionOptionValue("memory"))));
        assertThat(result.getErrors()).hasSize(3);
        assertThat(result.getErrors().get("compute_size").value).isEqualTo(SetSessionOptionsResult.ErrorValue.INVALID_VALUE);
        assertThat(result.getErrors().get("schema").value).isEqualTo(SetSessionOptionsResult.ErrorValue.INVALID_VALUE);
        assertThat(result.getErrors().get("colour").value).isEqualTo(SetSessionOptionsResult.ErrorValue.INVALID_NAME);
        for (String size : new String[] {"xs", "S", "m", "L", "xl", "2XL", "xxl", "3xl", "XXXL", "4XL", "xxxxl"}) {
            assertThat(client.sql.setSessionOptions(new SetSessionOptionsRequest(Map.of("compute_size",
                    SessionOptionValueFactory.makeSessionOptionValue(size)))).getErrors()).as(size).isEmpty();
        }
    }

    @Test
    void aCatalogThatDoesNotExistPoisonsTheSession() {
        FlightTestClient client = client();
        SetSessionOptionsResult result = client.sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                "catalog", SessionOptionValueFactory.makeSessionOptionValue("altertable"))));
        assertThat(result.getErrors()).isEmpty();
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.execute("SELECT 1")).getMessage())
                .startsWith("Failed to extract schema: Catalog Error");
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.update("SELECT 1")).getMessage())
                .startsWith("Failed to execute query: Catalog Error");
        // fixing the option heals it
        client.sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                "catalog", SessionOptionValueFactory.makeSessionOptionValue("memory"))));
        assertThat(client.query("SELECT 1 AS one")).containsExactly(List.of(1));
    }

    @Test
    void anAnyWrappedRequestIsAcceptedAndGarbageIsInvalid() throws Exception {
        FlightTestClient client = client();
        Flight.SetSessionOptionsRequest raw = Flight.SetSessionOptionsRequest.newBuilder()
                .putSessionOptions("compute_size", Flight.SessionOptionValue.newBuilder().setStringValue("XL").build())
                .putSessionOptions("nope", Flight.SessionOptionValue.newBuilder().setStringValue("x").build())
                .build();
        Iterator<Result> results = client.flight.doAction(new Action("SetSessionOptions",
                Any.pack(raw).toByteArray()));
        Flight.SetSessionOptionsResult result = Flight.SetSessionOptionsResult.parseFrom(results.next().getBody());
        assertThat(results.hasNext()).isFalse();
        assertThat(result.getErrorsMap()).containsOnlyKeys("nope");
        assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.flight.doAction(new Action(
                "SetSessionOptions", "garbage \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1)))
                .forEachRemaining(r -> { })).getMessage()).startsWith("Failed to decode SetSessionOptionsRequest: ");
    }

    @Test
    void closeSessionAnswersClosedAndGetSessionOptionsIsUnimplemented() {
        FlightTestClient client = client();
        client.update("CREATE TEMP TABLE survives AS SELECT 1 AS x");
        assertThat(client.sql.closeSession(new CloseSessionRequest()).getStatus())
                .isEqualTo(CloseSessionResult.Status.CLOSED);
        // nothing is released
        assertThat(client.query("SELECT x FROM survives")).containsExactly(List.of(1));
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.sql.getSessionOptions(
                new GetSessionOptionsRequest())).getMessage()).isEqualTo("Action 'GetSessionOptions' is not supported");
    }
}
