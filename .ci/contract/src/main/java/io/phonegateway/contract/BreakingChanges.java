package io.phonegateway.contract;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lines this change adds to CHANGELOG.md, read for the breaks they announce. A break of an operation is
 * announced by an added list item that starts with a bold "Breaking" and names the operation as openapi-diff does,
 * e.g. {@code - **Breaking** POST /phone: e164 is gone; read phoneNumber instead}. Prose that merely mentions the
 * word (such as the changelog's own explanation of this rule) announces nothing.
 */
public final class BreakingChanges {

    private static final Pattern BREAKING_ITEM = Pattern.compile("^\\s*[-*]\\s+\\*\\*breaking\\*\\*", Pattern.CASE_INSENSITIVE);

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
        return addedLines.stream().filter(line -> BREAKING_ITEM.matcher(line).find());
    }
}
