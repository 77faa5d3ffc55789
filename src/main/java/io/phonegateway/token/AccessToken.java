package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token with its lifetime. {@link #toString()} never shows the value.
 *
 * @param value the token itself; secret
 * @param expiresAt when WeChat stops accepting it
 * @param fetchedAt when it was fetched from WeChat (a newer token never gets replaced by an older one)
 */
public record AccessToken(String value, Instant expiresAt, Instant fetchedAt) {

    /**
     * Usable when it still has more than {@code margin} to live at {@code now}. A token whose whole lifetime is
     * short (tests, WeChat's last minutes) is refreshed after half its lifetime instead, so it is used at all.
     */
    public boolean usableAt(Instant now, Duration margin) {
        Duration half = Duration.between(fetchedAt, expiresAt).dividedBy(2);
        Duration effective = margin.compareTo(half) < 0 ? margin : half;
        return now.plus(effective).isBefore(expiresAt);
    }

    /** The later fetched of two tokens: a newer token is never replaced by an older one. */
    public static AccessToken newer(AccessToken a, AccessToken b) {
        return b.fetchedAt().isBefore(a.fetchedAt()) ? a : b;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + ", fetchedAt=" + fetchedAt + "]";
    }
}
