package io.phonegateway.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/** Results kept in this process (dev, or {@code token.store=local}); in-process single-flight needs no lock. */
final class LocalResultStore implements ResultStore {

    private static final int PURGE_ABOVE = 10_000;

    private record Entry(byte[] value, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease) {
        byte[] stored = stored(appId, codeHash);
        return Uni.createFrom().item(stored == null ? Claim.LOCKED : new Claim(stored, false));
    }

    @Override
    public Uni<Boolean> renew(String appId, String codeHash, String owner, Duration lease) {
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<Peek> peek(String appId, String codeHash, String owner) {
        byte[] stored = stored(appId, codeHash);
        return Uni.createFrom().item(stored == null ? Peek.NOTHING : new Peek(stored, false));
    }

    @Override
    public Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner) {
        Instant now = Instant.now();
        if (entries.size() > PURGE_ABOVE) {
            entries.values().removeIf(e -> e.expiresAt().isBefore(now));
        }
        entries.put(appId + codeHash, new Entry(value, now.plus(ttl)));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> release(String appId, String codeHash, String owner) {
        return Uni.createFrom().voidItem();
    }

    private byte[] stored(String appId, String codeHash) {
        Entry entry = entries.get(appId + codeHash);
        return entry == null || entry.expiresAt().isBefore(Instant.now()) ? null : entry.value();
    }
}
