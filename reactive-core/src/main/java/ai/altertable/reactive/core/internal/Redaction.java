package ai.altertable.reactive.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may end up in an exception message or a log line.
 *
 * <p>Two mechanisms work together: patterns that recognise credentials by shape ({@code Basic ...}, {@code Bearer ...}
 * followed by anything but a word of prose such as {@code scheme}, {@code "password": "..."}, {@code password=...}),
 * and a small process-wide set of known secret values, which
 * {@link ai.altertable.reactive.core.Credentials} registers when it is created, so that a server echoing a password back
 * in an error body is redacted too.
 */
public final class Redaction {

    /** The replacement for every redacted secret. */
    public static final String MASK = "****";

    private static final int MAX_KNOWN_SECRETS = 64;
    private static final int MIN_SECRET_LENGTH = 3;

    private static final Pattern AUTH_SCHEME =
            Pattern.compile("(?i)\\b(basic|bearer)(\\s+)([A-Za-z0-9+/=._~-]+)");
    /**
     * Words that follow {@code Basic} or {@code Bearer} in prose ({@code must use Bearer scheme}, {@code a Bearer token
     * is required}), optionally ending a sentence: left as they are. Anything else after the scheme is taken for a
     * credential and masked, so a token that happens to be a word is masked too, unless it is one of these.
     */
    private static final Pattern PROSE_WORD = Pattern.compile("(?i)(?:scheme|schemes|token|tokens|auth|authentication"
            + "|authorization|credential|credentials|header|headers|realm|prefix|type|value|or|and|is|are|was|were"
            + "|must|required|expected|missing|not|only|with|to|for|the|a|an|in|of|as|but)[.,]?");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(\"?\\b(?:password|passwd|pwd|secret|token|api[_-]?key|authorization)\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,;&}\"]+)");

    private static final Set<String> KNOWN = new LinkedHashSet<>();
    private static volatile List<String> knownSnapshot = List.of();

    private Redaction() {
    }

    /** Remembers a secret value so that {@link #redact(String)} masks it wherever it appears. */
    public static void registerSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            return;
        }
        synchronized (KNOWN) {
            if (!KNOWN.add(secret)) {
                return;
            }
            while (KNOWN.size() > MAX_KNOWN_SECRETS) {
                KNOWN.remove(KNOWN.iterator().next());
            }
            List<String> snapshot = new ArrayList<>(KNOWN);
            // longest first, so that a secret containing another one is masked whole
            snapshot.sort((a, b) -> Integer.compare(b.length(), a.length()));
            knownSnapshot = List.copyOf(snapshot);
        }
    }

    /** Returns {@code text} with every recognised or registered secret replaced by {@link #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : knownSnapshot) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        out = AUTH_SCHEME.matcher(out).replaceAll(m -> PROSE_WORD.matcher(m.group(3)).matches()
                ? Matcher.quoteReplacement(m.group()) : "$1$2" + Matcher.quoteReplacement(MASK));
        out = KEY_VALUE.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return out;
    }

    /**
     * Redacts {@code text} and cuts it to at most {@code maxChars} characters (an ellipsis marks a cut). Cutting happens
     * after redaction, so a secret is never split into a visible prefix.
     */
    public static String excerpt(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String redacted = redact(text.strip());
        if (redacted.length() <= maxChars) {
            return redacted;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(redacted.charAt(end - 1))) {
            end--;
        }
        return redacted.substring(0, end) + "\u2026";
    }
}
