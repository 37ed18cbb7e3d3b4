package ai.altertable.reactive.mock.internal.encode;

import java.util.Comparator;

/**
 * Orders strings the way Rust orders them: by Unicode code point, which is also UTF-8 byte order. The official mock
 * builds every JSON object in a serde_json {@code Map} (a {@code BTreeMap<String, _>}), so object keys come out in this
 * order: map cells, JSON/VARIANT objects and the {@code jsonl} row objects.
 *
 * <p>{@link String#compareTo} differs only when a supplementary character (a UTF-16 surrogate pair) meets a character
 * in U+E000..U+FFFF. Stateless and thread-safe.
 */
final class CodePointOrder implements Comparator<String> {

    static final CodePointOrder INSTANCE = new CodePointOrder();

    private CodePointOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
