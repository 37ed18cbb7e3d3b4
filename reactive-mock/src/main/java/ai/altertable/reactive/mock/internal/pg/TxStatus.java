package ai.altertable.reactive.mock.internal.pg;

/** The transaction status a ReadyForQuery reports. */
enum TxStatus {
    /** Not in a transaction block. */
    IDLE('I'),
    /** In a transaction block. */
    IN_TRANSACTION('T'),
    /** In a failed transaction block: statements are refused until it ends. */
    FAILED('E');

    final char code;

    TxStatus(char code) {
        this.code = code;
    }
}
