package io.phonegateway.wechat;

import java.time.Instant;
import java.util.Optional;

/**
 * WeChat's paid quota of one product for one app ({@code /wxa/charge/usage/get}).
 *
 * @param all quota bought and in force ({@code all})
 * @param used quota used so far ({@code effectiveUse})
 * @param endsAt when the last pack in force ({@code detailList[].status} 1) ends ({@code endTime}), if WeChat says
 */
public record ChargeUsage(long all, long used, Optional<Instant> endsAt) {

    public ChargeUsage(long all, long used) {
        this(all, used, Optional.empty());
    }

    public long remaining() {
        return Math.max(0, all - used);
    }
}
