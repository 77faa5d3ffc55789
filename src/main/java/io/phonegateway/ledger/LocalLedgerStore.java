package io.phonegateway.ledger;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.phonegateway.config.PhoneComponent;
import io.smallrye.mutiny.Uni;

/** The ledger of one process ({@code phone-gateway.token.store=local}, as in dev mode): gone with the process. */
final class LocalLedgerStore implements LedgerStore {

    private final Map<String, Map<String, Long>> days = new HashMap<>();
    private final Set<String> batches = new HashSet<>();
    private final Map<String, Baseline> baselines = new HashMap<>();

    @Override
    public synchronized Uni<Void> add(String appId, LocalDate day, String batchId, Map<String, Long> increments) {
        if (batches.add(batchId)) {
            Map<String, Long> hash = days.computeIfAbsent(appId + "/" + day, k -> new HashMap<>());
            increments.forEach((field, count) -> hash.merge(field, count, Long::sum));
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Map<String, Long>> read(String appId, LocalDate day) {
        return Uni.createFrom().item(Map.copyOf(days.getOrDefault(appId + "/" + day, Map.of())));
    }

    @Override
    public synchronized Uni<Baseline> baseline(String appId, LocalDate day, PhoneComponent component,
            Baseline candidate) {
        return Uni.createFrom().item(baselines.computeIfAbsent(appId + "/" + day + "/" + component, k -> candidate));
    }
}
