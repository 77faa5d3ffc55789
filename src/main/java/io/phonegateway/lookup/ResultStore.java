package io.phonegateway.lookup;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Where encrypted results live for their code's lifetime: Redis (every replica sees them) or this process
 * (dev). Keys are {@code sha256} hashes of appid and code; values are opaque ciphertext. A lookup costs two
 * round trips: {@link #claim} at the start, {@link #store} (or {@link #release}) at the end.
 */
interface ResultStore {

    /** What {@link #claim} found: a stored value, the code's lock now held by the caller, or held by another. */
    record Claim(byte[] stored, boolean locked) {
        static final Claim LOCKED = new Claim(null, true);
        static final Claim BUSY = new Claim(null, false);
    }

    /** The stored value if there is one, else takes the code's lock for {@code lease} if it is free. */
    Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease);

    /** The stored value, or a null item (polling while another replica holds the lock). */
    Uni<byte[]> get(String appId, String codeHash);

    /** Stores the value and releases the caller's lock. */
    Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner);

    /** Releases the caller's lock without a value (the lookup failed). */
    Uni<Void> release(String appId, String codeHash, String owner);
}
