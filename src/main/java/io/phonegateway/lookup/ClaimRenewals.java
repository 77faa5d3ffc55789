package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Keeps the fleet-wide claims of this replica's running lookups alive: a claim's lease
 * ({@code result-cache.lock-lease}) is short, so that a replica that dies frees its codes soon, and it is renewed
 * every third of a lease for as long as its lookup runs, however slow WeChat is. One timer serves every lookup;
 * a lookup that ends within a third of a lease (nearly all) never costs a renewal.
 */
@Singleton
class ClaimRenewals {

    /** One running lookup's claim; {@link #stop} when the lookup has ended. */
    final class Renewal {
        private final String appId;
        private final String codeHash;
        private final String owner;

        private Renewal(String appId, String codeHash, String owner) {
            this.appId = appId;
            this.codeHash = codeHash;
            this.owner = owner;
        }

        void stop() {
            running.remove(this);
        }
    }

    private final ResultStore store;
    private final Duration lease;
    private final Map<Renewal, Long> running = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> timer;

    ClaimRenewals(ResultStore store, GatewayConfig config) {
        this.store = store;
        this.lease = config.resultCache().lockLease();
        long every = Math.max(1, lease.toMillis() / 3);
        this.timer = Infrastructure.getDefaultWorkerPool().scheduleAtFixedRate(this::renewDue, every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Starts renewing {@code owner}'s claim of the code until {@link Renewal#stop}. */
    Renewal keep(String appId, String codeHash, String owner) {
        Renewal renewal = new Renewal(appId, codeHash, owner);
        running.put(renewal, System.nanoTime());
        return renewal;
    }

    /** Never throws: a scheduled task that throws is never run again, and every running claim would lapse. */
    private void renewDue() {
        try {
            renewEach();
        } catch (RuntimeException e) {
            Log.warnf("claim renewals failed this round (%s); the next round tries again", e.toString());
        }
    }

    private void renewEach() {
        long dueBefore = System.nanoTime() - lease.toNanos() / 3;
        running.forEach((renewal, since) -> {
            if (since <= dueBefore) {
                store.renew(renewal.appId, renewal.codeHash, renewal.owner, lease).subscribe().with(renewed -> {
                    if (!renewed) {
                        Log.debugf("the claim of a running lookup lapsed before it could be renewed");
                    }
                }, failure -> Log.debugf("a claim renewal failed: %s", failure.toString()));
            }
        });
    }

    @PreDestroy
    void close() {
        timer.cancel(false);
    }
}
