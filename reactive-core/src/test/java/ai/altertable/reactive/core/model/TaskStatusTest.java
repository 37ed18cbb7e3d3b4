package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /tasks/{task_id}} answers (protocol §11.4). */
class TaskStatusTest {

    private static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @Test
    void decodesTheSpecShapeAsDocumented() {
        TaskStatus s = Wire.read("{\"task_id\": \"" + ID + "\", \"status\": \"pending\"}", TaskStatus.class);
        assertThat(s).isEqualTo(TaskStatus.of(ID, TaskState.PENDING));
        assertThat(s.status().isTerminal()).isFalse();
    }

    @Test
    void writesTheSpecShapeCompactly() {
        Wire.assertWrites(TaskStatus.of(ID, TaskState.COMPLETED),
                "{\"task_id\":\"" + ID + "\",\"status\":\"completed\"}");
    }

    @Test
    void failedExtensionCarriesItsMessage() {
        String json = "{\"task_id\":\"" + ID + "\",\"status\":\"failed\",\"error_message\":\"invalid-data\"}";
        TaskStatus s = Wire.assertRoundTrip(json, TaskStatus.class);
        assertThat(s.status()).isEqualTo(TaskState.FAILED);
        assertThat(s.errorMessage()).isEqualTo("invalid-data");
    }

    @Test
    void unknownStatusUnknownKeysAndMissingKeysDecode() {
        TaskStatus s = Wire.read("{\"task_id\":\"t\",\"status\":\"queued\",\"progress\":0.5}", TaskStatus.class);
        assertThat(s.status()).isEqualTo(TaskState.UNKNOWN);
        TaskStatus empty = Wire.read("{}", TaskStatus.class);
        assertThat(empty).isEqualTo(new TaskStatus(null, null, null));
        assertThat(Wire.write(empty)).isEqualTo("{\"task_id\":null,\"status\":null}");
    }
}
