package io.phonegateway.contract;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The lines this change adds to CHANGELOG.md, read for the breaks they announce. A break of an operation is
 * announced by an added line that says "Breaking" and names the operation as openapi-diff does, e.g.
 * {@code - **Breaking** POST /phone: e164 is gone; read phoneNumber instead}.
 */
public final class BreakingChanges {

    private final List<String> addedLines;

    public BreakingChanges(List<String> addedLines) {
        this.addedLines = List.copyOf(addedLines);
    }

    public boolean announces(String operation) {
        return breakingLines().anyMatch(line -> line.contains(operation));
    }

    public boolean announcesAny() {
        return breakingLines().findAny().isPresent();
    }

    private Stream<String> breakingLines() {
        return addedLines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains("breaking"));
    }
}
