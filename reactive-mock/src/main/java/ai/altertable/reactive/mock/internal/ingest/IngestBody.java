package ai.altertable.reactive.mock.internal.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An uploaded file on disk with its detected format. Detection follows the official mock: the {@code Content-Type}
 * first ({@link IngestFormat#fromContentType}); otherwise the bytes: {@code PAR1} at the start is Parquet, a first
 * non-whitespace byte of {@code {} or {@code [} is JSON, anything else is CSV. Whitespace is ASCII space, tab, line
 * feed, form feed and carriage return.
 *
 * <p>Only the first bytes up to the first non-whitespace byte are read, so a large file costs nothing here.
 *
 * @param path   the file the HTTP layer streamed the request body to; it stays owned (and deleted) by the HTTP layer
 * @param format the detected format
 * @param blank  whether the file is empty or holds only whitespace; such a body is rejected
 */
record IngestBody(Path path, IngestFormat format, boolean blank) {

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    IngestBody {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }

    /** Reads the start of {@code path} and detects its format, preferring what {@code contentType} says. */
    static IngestBody inspect(Path path, String contentType) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            byte[] head = in.readNBytes(PARQUET_MAGIC.length);
            int firstNonWhitespace = firstNonWhitespace(head, in);
            IngestFormat sniffed = Arrays.equals(head, PARQUET_MAGIC)
                    ? IngestFormat.PARQUET
                    : firstNonWhitespace == '{' || firstNonWhitespace == '[' ? IngestFormat.JSON : IngestFormat.CSV;
            IngestFormat format = IngestFormat.fromContentType(contentType).orElse(sniffed);
            return new IngestBody(path, format, firstNonWhitespace < 0);
        }
    }

    /** The first byte that is not ASCII whitespace, looking at {@code head} and then the rest of the stream; -1 if none. */
    private static int firstNonWhitespace(byte[] head, InputStream rest) throws IOException {
        for (byte b : head) {
            if (!isWhitespace(b)) {
                return b & 0xFF;
            }
        }
        int b;
        while ((b = rest.read()) >= 0) {
            if (!isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r';
    }
}
