package io.phonegateway.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** WeChat counts quotas, bills and its force-refresh budget by the day in China time; so do the gateway and its simulator. */
public final class ChinaDay {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaDay() {
    }

    public static LocalDate of(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    public static LocalDate today() {
        return of(Instant.now());
    }
}
