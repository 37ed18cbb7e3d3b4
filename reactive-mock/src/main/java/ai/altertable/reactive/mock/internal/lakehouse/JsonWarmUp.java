package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.AutocompleteResponse;
import ai.altertable.reactive.core.model.ExplainResponse;
import ai.altertable.reactive.core.model.ExplainTable;
import ai.altertable.reactive.core.model.Suggestion;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;
import ai.altertable.reactive.core.model.ValidateResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds Jackson's deserializers and serializers for every request and response type before the server takes
 * requests. Jackson creates them on first use under a {@code ReentrantLock}; concurrent first requests on several
 * event loops then wait on that lock, which BlockHound (installed by many reactive test suites, this project's
 * included) reports as a blocking call, and the request failed with 500. Once built they are cached and read
 * without locking.
 */
final class JsonWarmUp {

    private JsonWarmUp() {
    }

    /** Blocking (it takes Jackson's locks): call it on the thread that starts the server, never on an event loop. */
    static void run() {
        JsonBody.parseObject("{\"statement\":\"SELECT 1\",\"limit\":1,\"visible\":true,\"x\":[1.5,null,{}]}"
                .getBytes(StandardCharsets.UTF_8), "QueryRequest");
        JsonBody.parse("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
        ExplainResponse explain = ExplainResponse.success("SELECT 1", List.of(ExplainTable.of("t", 1)),
                List.of(JsonBody.parse("{\"name\":\"SEQ_SCAN\"}".getBytes(StandardCharsets.UTF_8))));
        for (Object model : List.of(AppendResponse.success(), AppendResponse.failure(AppendErrorCode.INVALID_DATA, "m"),
                AppendResponse.accepted("00000000-0000-4000-8000-000000000000"),
                TaskStatus.of("00000000-0000-4000-8000-000000000000", TaskState.PENDING),
                ValidateResponse.valid("SELECT 1"), ValidateResponse.invalid("x", "e"), explain,
                ExplainResponse.failure("x", "e"), AutocompleteResponse.of("S", List.of(Suggestion.of("SELECT ", 0))))) {
            IngestHandler.json(model);
        }
    }
}
