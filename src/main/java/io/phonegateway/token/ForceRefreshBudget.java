package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.phonegateway.config.ChinaDay;

/**
 * WeChat allows about 20 forced stable-token refreshes per app and day, at least 30 s apart. This is the
 * in-process count of them: the local store's budget, and the Redis store's while Redis is down.
 */
final class ForceRefreshBudget {

    private record Day(LocalDate date, int used, Instant last) {
    }

    private final Map<TokenKey, Day> days = new ConcurrentHashMap<>();

    boolean take(TokenKey key, int dailyLimit, Duration spacing, Instant now) {
        LocalDate today = ChinaDay.of(now);
        boolean[] taken = { false };
        days.compute(key, (k, day) -> {
            Day current = day == null || !day.date().equals(today) ? new Day(today, 0, Instant.EPOCH) : day;
            if (current.used() >= dailyLimit || current.last().plus(spacing).isAfter(now)) {
                return current;
            }
            taken[0] = true;
            return new Day(today, current.used() + 1, now);
        });
        return taken[0];
    }

    /** Forced refreshes of {@code key} taken today (China time). */
    int usedToday(TokenKey key, Instant now) {
        Day day = days.get(key);
        return day != null && day.date().equals(ChinaDay.of(now)) ? day.used() : 0;
    }

}
