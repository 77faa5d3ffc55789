package io.phonegateway.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract check of {@code .ci/check-contract}, in two questions:
 * <ol>
 * <li>Is the committed document ({@code docs/openapi.yaml}) the one the build generates? If not, the change altered
 * the API without saying so: fail, and show what differs.</li>
 * <li>Does the committed document break callers of the document before this change (the base)? Then the same change
 * must announce every broken operation in CHANGELOG.md ({@link BreakingChanges}); an addition needs nothing more.</li>
 * </ol>
 */
public final class ContractCheck {

    /** What the check found: nothing to say is a pass. */
    public record Verdict(List<String> failures, List<String> notes) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private ContractCheck() {
    }

    /**
     * @param base      the committed document before this change; empty when there was none
     * @param committed the committed document now
     * @param generated the document the build wrote
     * @param changes   what this change adds to CHANGELOG.md
     */
    public static Verdict check(Optional<String> base, String committed, String generated, BreakingChanges changes) {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!normalized(committed).equals(normalized(generated))) {
            ContractDiff drift = ContractDiff.between(committed, generated);
            failures.add("docs/openapi.yaml is not the document the build generates"
                    + (drift.breaking() ? " (and the difference BREAKS callers: " + drift.brokenOperations() + ")" : "")
                    + ". If the change is meant, copy it: cp target/openapi/openapi.yaml docs/openapi.yaml"
                    + (drift.breaking() ? ", and add a 'Breaking' line naming each broken operation to CHANGELOG.md" : "")
                    + "\n" + drift.report());
        }
        if (base.isEmpty()) {
            notes.add("no committed document before this change: nothing to compare for breaks");
            return new Verdict(failures, notes);
        }
        ContractDiff change = ContractDiff.between(base.get(), committed);
        if (!change.different()) {
            notes.add("the API is the same as before this change");
        } else if (!change.breaking()) {
            notes.add("the API changed compatibly (an addition or a relaxation): callers of the previous document keep working\n"
                    + change.report());
        } else {
            List<String> unannounced = change.brokenOperations().stream().filter(op -> !changes.announces(op)).distinct().toList();
            if (!unannounced.isEmpty() || (change.brokenOperations().isEmpty() && !changes.announcesAny())) {
                failures.add("this change BREAKS callers of " + (change.brokenOperations().isEmpty() ? "the API"
                        : String.join(", ", change.brokenOperations()))
                        + " and CHANGELOG.md does not announce it: add a line under 'Unreleased' such as '- **Breaking** "
                        + (unannounced.isEmpty() ? "<what>" : unannounced.get(0)) + ": what changed and what callers must do'\n"
                        + change.report());
            } else {
                notes.add("an announced breaking change of " + change.brokenOperations() + "\n" + change.report());
            }
        }
        return new Verdict(failures, notes);
    }

    private static String normalized(String document) {
        return document.replace("\r\n", "\n").strip();
    }

    /** {@code --committed F --generated F [--base F] [--changelog-added F]}; exits 1 when the check fails. */
    public static void main(String[] args) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            files.put(args[i], Path.of(args[i + 1]));
        }
        if (!files.containsKey("--committed") || !files.containsKey("--generated")) {
            System.err.println("usage: ContractCheck --committed FILE --generated FILE [--base FILE] [--changelog-added FILE]");
            System.exit(2);
        }
        Optional<String> base = Optional.ofNullable(files.get("--base")).filter(Files::exists).map(ContractCheck::read);
        List<String> added = files.containsKey("--changelog-added") ? Files.readAllLines(files.get("--changelog-added")) : List.of();
        Verdict verdict = check(base, read(files.get("--committed")), read(files.get("--generated")), new BreakingChanges(added));
        verdict.notes().forEach(note -> System.out.println("[check-contract] " + note));
        verdict.failures().forEach(failure -> System.out.println("[check-contract] FAIL: " + failure));
        System.exit(verdict.passed() ? 0 : 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
