package ai.altertable.reactive.rest.internal;

/**
 * One row's JSON object inside a larger array that {@link RowEncoder} fills row after row: bytes
 * {@code [offset, offset + length)} of {@code array}. When {@code commaAfter}, the byte after the row is a {@code ','},
 * so consecutive rows of one array are already a run of {@code row,row,row} that a body copies at once. The bytes of
 * a row never change once it is made.
 */
record JsonRow(byte[] array, int offset, int length, boolean commaAfter) {

    /** Whether {@code next} follows this row in the same array, separated by this row's comma. */
    boolean continuedBy(JsonRow next) {
        return commaAfter && next.array == array && next.offset == offset + length + 1;
    }
}
