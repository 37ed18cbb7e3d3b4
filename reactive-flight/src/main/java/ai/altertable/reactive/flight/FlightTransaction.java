package ai.altertable.reactive.flight;

/**
 * A transaction, inside the scope of {@link LakehouseFlightClient#inTransaction}: a session of its own on which the
 * transaction is open, so every operation of this object runs inside it (and nothing else does). The client commits when
 * the scope completes and rolls back when it fails or is cancelled; there is nothing to commit or close here.
 *
 * <p>Do not use this object after its scope has ended: its session is gone.
 */
public interface FlightTransaction extends FlightSession {

    /** The server's transaction id (opaque bytes; a copy). */
    byte[] transactionId();
}
