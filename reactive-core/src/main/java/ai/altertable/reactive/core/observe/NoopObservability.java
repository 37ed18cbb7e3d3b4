package ai.altertable.reactive.core.observe;

import java.util.function.IntSupplier;

/** {@link ClientObservability#none()}: disabled, and inert if called anyway. */
enum NoopObservability implements ClientObservability, OperationObservation {
    INSTANCE;

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public OperationObservation start(OperationStart start) {
        return this;
    }

    @Override
    public void batchCompleted(String operation, String transport, String table, int rows, int attempts,
                               Throwable error) {
    }

    @Override
    public AutoCloseable appenderGauges(String operation, String transport, IntSupplier queueDepth,
                                        IntSupplier waitingCallers) {
        return () -> { };
    }

    @Override
    public void firstRow() {
    }

    @Override
    public void received(long rows, long bytes) {
    }

    @Override
    public void sent(long rows, long bytes) {
    }

    @Override
    public void attribute(String key, String value) {
    }

    @Override
    public void retried(Throwable cause) {
    }

    @Override
    public void cancelSent() {
    }

    @Override
    public void success() {
    }

    @Override
    public void error(Throwable error) {
    }

    @Override
    public void cancelled() {
    }

    @Override
    public String toString() {
        return "ClientObservability.none()";
    }
}
