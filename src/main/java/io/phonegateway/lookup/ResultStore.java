package io.phonegateway.lookup;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Where encrypted results live for their code's lifetime: Redis (every replica sees them) or this process
 * (dev). Keys are {@code sha256} hashes of appid and code; values are opaque ciphertext. A lookup costs two
 * round trips: {@link #claim} at the start, {@link #store} (or {@link #release}) at the end, plus a
 * {@link #renew} per lease third while a slow WeChat call is still running.
 */
interface ResultStore {

    /** What {@link #claim} found: a stored value, the code's lock now held by the caller, or held by another. */
    record Claim(byte[] stored, boolean locked) {
        static final Claim LOCKED = new Claim(null, true);
        static final Claim BUSY = new Claim(null, false);
    }

    /** What {@link #peek} found: a stored value, another owner's lookup still running, or neither. */
    record Peek(byte[] stored, boolean otherRunning) {
        static final Peek NOTHING = new Peek(null, false);
        static final Peek RUNNING = new Peek(null, true);
    }

    /** The stored value if there is one, else takes the code's lock for {@code lease} if it is free. */
    Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease);

    /** Extends the caller's lock by {@code lease} while its lookup runs; false when the lock is no longer the caller's. */
    Uni<Boolean> renew(String appId, String codeHash, String owner, Duration lease);

    /** The stored value, else whether a lookup of another owner than {@code owner} still holds the code. */
    Uni<Peek> peek(String appId, String codeHash, String owner);

    /** Stores the value and releases the caller's lock. */
    Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner);

    /** Releases the caller's lock without a value (the lookup failed). */
    Uni<Void> release(String appId, String codeHash, String owner);
}
