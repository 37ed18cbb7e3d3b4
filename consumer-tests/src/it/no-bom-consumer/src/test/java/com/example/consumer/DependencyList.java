package com.example.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the file maven-dependency-plugin's {@code list} goal writes: one {@code group:artifact:type[:classifier]:version:scope}
 * per line, possibly followed by {@code -- module ...}.
 */
final class DependencyList {

    private DependencyList() {
    }

    /** Versions by {@code group:artifact:type[:classifier]}. */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String coordinates = line.strip().split("\\s+", 2)[0];
            String[] parts = coordinates.split(":");
            if (parts.length < 5) {
                continue; // the header line, blank lines
            }
            String version = parts[parts.length - 2];
            String key = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
            versions.put(key, version);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no dependency in " + file);
        }
        return versions;
    }
}
