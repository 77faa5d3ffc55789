package io.phonegateway.wechat;

/**
 * WeChat's paid quota of one product for one app ({@code /wxa/charge/usage/get}).
 *
 * @param all quota bought and in force ({@code all})
 * @param used quota used so far ({@code effectiveUse})
 */
public record ChargeUsage(long all, long used) {

    public long remaining() {
        return Math.max(0, all - used);
    }
}
