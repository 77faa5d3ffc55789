package io.phonegateway.lookup;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.logging.Log;

/**
 * AES-256-GCM for stored results: a random 96-bit nonce per value, the nonce stored in front of the ciphertext,
 * and the value's Redis key as associated data, so a value copied under another code's key does not decrypt.
 */
final class ResultCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One cipher per thread (the event loops, mostly), initialized again for every value: a cipher looked up and keyed
     * anew per value cost a provider lookup and the AES key schedule each time; JDK's AES keeps the schedule while
     * the key stays the same.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(ResultCipher::newCipher);

    private final SecretKey key;

    private ResultCipher(SecretKey key) {
        this.key = key;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * The cipher under the configured key (base64 of 32 bytes). Without one (dev and test only; startup
     * validation refuses that elsewhere) a random key of this process: results then survive only here.
     */
    static ResultCipher of(Optional<String> base64Key) {
        if (base64Key.isPresent()) {
            return new ResultCipher(new SecretKeySpec(decodeKey(base64Key.get()), "AES"));
        }
        Log.info("phone-gateway.result-cache.key is not set: stored results use a random key of this process");
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return new ResultCipher(generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /** A cipher under a random key of its own, for the startup warm-up ({@link LookupWarmup}); seals nothing kept. */
    static ResultCipher throwAway() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return new ResultCipher(generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /** The key's bytes; the message never contains the key. */
    static byte[] decodeKey(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone-gateway.result-cache.key is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("phone-gateway.result-cache.key must be base64 of 32 bytes (AES-256)");
        }
        return bytes;
    }

    byte[] encrypt(byte[] plain, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("result encryption failed", e);
        }
    }

    /** The plain bytes, or empty when the value was not sealed under this key and associated data. */
    Optional<byte[]> decrypt(byte[] stored, byte[] associatedData) {
        if (stored.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
