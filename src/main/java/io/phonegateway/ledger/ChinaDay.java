package io.phonegateway.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** WeChat bills and counts by the day in China time; so does the ledger. */
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
