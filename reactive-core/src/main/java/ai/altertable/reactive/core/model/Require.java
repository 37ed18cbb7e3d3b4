package ai.altertable.reactive.core.model;

/** Argument checks shared by the models; messages name the protocol field so they read the same from any builder. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static Long nonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    static Integer nonNegative(Integer value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    /** Rejects an enum's {@code UNKNOWN}, which only stands for a value decoded from a server and is never sent. */
    static <E extends Enum<E>> E known(E value, String field) {
        if (value != null && "UNKNOWN".equals(value.name())) {
            throw new IllegalArgumentException(field + " must not be UNKNOWN: UNKNOWN only stands for a value"
                    + " received from a server that this client does not know");
        }
        return value;
    }
}
