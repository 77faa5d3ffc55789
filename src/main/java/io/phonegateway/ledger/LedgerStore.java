package io.phonegateway.ledger;

import java.time.LocalDate;
import java.util.Map;

import io.phonegateway.config.PhoneComponent;
import io.smallrye.mutiny.Uni;

/** Where the ledger's counts live: Redis (shared by every replica) or this process, as the token store. */
interface LedgerStore {

    /**
     * Adds {@code increments} (field to count) to the app's hash of {@code day}, once per {@code batchId}: a batch sent
     * again after a lost answer adds nothing the second time.
     */
    Uni<Void> add(String appId, LocalDate day, String batchId, Map<String, Long> increments);

    /** Every field of the app's hash of {@code day} (empty when nothing was counted). */
    Uni<Map<String, Long>> read(String appId, LocalDate day);

    /** The day's first baseline of {@code component}; {@code candidate} becomes it when there is none yet. */
    Uni<Baseline> baseline(String appId, LocalDate day, PhoneComponent component, Baseline candidate);
}
