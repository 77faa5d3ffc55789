package io.phonegateway.lookup;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Where encrypted results live for their code's lifetime: Redis (every replica sees them) or this process
 * (dev). Keys are {@code sha256} hashes of appid and code; values are opaque ciphertext.
 */
interface ResultStore {

    /** The stored value, or a null item. */
    Uni<byte[]> get(String appId, String codeHash);

    Uni<Void> put(String appId, String codeHash, byte[] value, Duration ttl);

    /** Takes the code's lock for {@code lease}; false when someone else holds it. */
    Uni<Boolean> lock(String appId, String codeHash, String owner, Duration lease);

    Uni<Void> unlock(String appId, String codeHash, String owner);
}
