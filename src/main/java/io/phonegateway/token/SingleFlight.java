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
        return Uni.createFrom().deferred(() -> inFlight.computeIfAbsent(key, k -> shared(k, operation)));
    }

    public boolean running(K key) {
        return inFlight.containsKey(key);
    }

    private Uni<V> shared(K key, Supplier<Uni<V>> operation) {
        AtomicReference<Uni<V>> self = new AtomicReference<>();
        self.set(Uni.createFrom().deferred(operation::get)
                .eventually(() -> inFlight.remove(key, self.get()))
                .memoize().indefinitely());
        return self.get();
    }
}
