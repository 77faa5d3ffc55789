package io.phonegateway.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.phonegateway.config.PhoneComponent;
import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The ledger in Redis: one hash per app and China day ({@link RedisKeys#ledgerDay}), kept {@code retention-days} after
 * its last count; a batch of counts is one script call ({@link LuaScripts#LEDGER_ADD}), whatever its size.
 */
final class RedisLedgerStore implements LedgerStore {

    /** A batch retried later than this after a lost answer could be added twice; retries come within seconds. */
    private static final Duration BATCH_MARKER_TTL = Duration.ofDays(7);

    private final RedisCommands redis;
    private final long retentionSeconds;

    RedisLedgerStore(RedisCommands redis, int retentionDays) {
        this.redis = redis;
        this.retentionSeconds = Duration.ofDays(retentionDays).toSeconds();
    }

    @Override
    public Uni<Void> add(String appId, LocalDate day, String batchId, Map<String, Long> increments) {
        List<String> args = new ArrayList<>(2 + 2 * increments.size());
        args.add(Long.toString(retentionSeconds));
        args.add(Long.toString(BATCH_MARKER_TTL.toSeconds()));
        increments.forEach((field, count) -> {
            args.add(field);
            args.add(Long.toString(count));
        });
        return redis
                .eval(LuaScripts.LEDGER_ADD, List.of(RedisKeys.ledgerDay(appId, day), RedisKeys.ledgerBatch(appId, batchId)),
                        args.toArray(String[]::new))
                .replaceWithVoid();
    }

    @Override
    public Uni<Map<String, Long>> read(String appId, LocalDate day) {
        return redis.execute("HGETALL", RedisKeys.ledgerDay(appId, day)).map(RedisLedgerStore::counts);
    }

    @Override
    public Uni<Baseline> baseline(String appId, LocalDate day, PhoneComponent component, Baseline candidate) {
        String key = RedisKeys.ledgerBaseline(appId, day, component.label());
        return redis.execute("SET", key, candidate.encoded(), "NX", "EX", Long.toString(retentionSeconds))
                .chain(() -> redis.execute("GET", key))
                .map(stored -> stored == null ? candidate : Baseline.parse(stored.toString()));
    }

    /** HGETALL answers a map (RESP3) or a flat list of pairs (RESP2); {@link Response#getKeys()} reads both. */
    private static Map<String, Long> counts(Response hash) {
        Map<String, Long> counts = new HashMap<>();
        if (hash != null) {
            for (String field : hash.getKeys()) {
                counts.put(field, hash.get(field).toLong());
            }
        }
        return counts;
    }
}
