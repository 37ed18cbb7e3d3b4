package ai.altertable.reactive.mock.internal.ingest;

/** Where an asynchronous append stands, as {@code GET /tasks/{id}} reports it in {@code status}. */
public enum TaskState {
    /** Registered, not finished yet (queued or running). */
    PENDING("pending"),
    /** Finished; every object was written. */
    COMPLETED("completed"),
    /**
     * Finished; nothing was written. An extension of this mock: the spec only knows {@code pending} and
     * {@code completed}, so a client should treat unknown statuses as finished-but-not-successful.
     */
    FAILED("failed");

    private final String wireName;

    TaskState(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value of {@code status}. */
    public String wireName() {
        return wireName;
    }
}
