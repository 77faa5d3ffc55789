package io.phonegateway.token;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * At most one run of an operation per key in this process: callers that arrive while it runs share its
 * outcome (item or failure) instead of starting their own.
 */
public final class SingleFlight<K, V> {

    private final Map<K, Uni<V>> inFlight = new ConcurrentHashMap<>();

    public Uni<V> run(K key, Supplier<Uni<V>> operation) {
        return run(key, operation, () -> {
        });
    }

    /** As {@link #run(Object, Supplier)}; {@code onJoin} runs when this caller shares a run already under way. */
    public Uni<V> run(K key, Supplier<Uni<V>> operation, Runnable onJoin) {
        return Uni.createFrom().deferred(() -> {
            boolean[] started = { false };
            Uni<V> shared = inFlight.computeIfAbsent(key, k -> {
                started[0] = true;
                return shared(k, operation);
            });
            if (!started[0]) {
                onJoin.run();
            }
            return shared;
        });
    }

    private Uni<V> shared(K key, Supplier<Uni<V>> operation) {
        AtomicReference<Uni<V>> self = new AtomicReference<>();
        self.set(Uni.createFrom().deferred(operation::get)
                .eventually(() -> inFlight.remove(key, self.get()))
                .memoize().indefinitely());
        return self.get();
    }
}
