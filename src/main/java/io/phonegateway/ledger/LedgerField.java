package io.phonegateway.ledger;

import java.util.Optional;

import io.phonegateway.config.PhoneComponent;

/**
 * One field of a day's ledger hash: {@code caller|component|paid} or {@code caller|component|saved}. Callers are
 * configured client names (letters and digits), so the separator never appears inside one.
 */
record LedgerField(String caller, PhoneComponent component, boolean saved) {

    private static final String PAID = "paid";
    private static final String SAVED = "saved";

    String encoded() {
        return caller + "|" + component.label() + "|" + (saved ? SAVED : PAID);
    }

    /** The field a hash holds; empty for anything this version did not write. */
    static Optional<LedgerField> parse(String field) {
        String[] parts = field.split("\\|", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !(PAID.equals(parts[2]) || SAVED.equals(parts[2]))) {
            return Optional.empty();
        }
        return PhoneComponent.ofLabel(parts[1]).map(c -> new LedgerField(parts[0], c, SAVED.equals(parts[2])));
    }
}
