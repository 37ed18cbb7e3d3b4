package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed batch's message names the batch, then the cause's reason, then the cause's context once. */
class BatchFailedExceptionTest {

    @Test
    void theContextOfTheCauseAppearsOnce() {
        ErrorContext context = ErrorContext.builder().operation("append").method("POST").path("/append").status(400)
                .requestId("req-7").body("{\"ok\":false,\"error_code\":\"invalid-data\"}").build();
        ApiException cause = new ApiException("the server refused the batch", context);

        BatchFailedException e = new BatchFailedException(2, 20, 10, 3, cause);

        assertThat(e.getMessage()).isEqualTo("batch 2 (rows 20-29) failed after 3 attempts: the server refused the batch"
                + " [append POST /append status=400 request-id=req-7]: {\"ok\":false,\"error_code\":\"invalid-data\"}");
        assertThat(e.context()).isEqualTo(context);
        assertThat(e.reason()).isEqualTo("batch 2 (rows 20-29) failed after 3 attempts: the server refused the batch");
    }

    @Test
    void aCauseWithOnlyAnOperationIsNamedOnce() {
        NetworkException cause = new NetworkException("connection reset", ErrorContext.builder().operation("append")
                .build(), null);

        assertThat(new BatchFailedException(0, 0, 5, cause).getMessage())
                .isEqualTo("batch 0 (rows 0-4) failed: connection reset [append]");
    }

    @Test
    void anyOtherCauseKeepsItsMessage() {
        assertThat(new BatchFailedException(1, 5, 1, new IllegalStateException("encoder bug")).getMessage())
                .isEqualTo("batch 1 (rows 5-5) failed: encoder bug");
    }
}
