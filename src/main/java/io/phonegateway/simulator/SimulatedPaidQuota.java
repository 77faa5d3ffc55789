package io.phonegateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * WeChat's paid quota of the phone-number component ({@code /wxa/charge/usage/get}): one resource pack of
 * {@code all} lookups, of which {@code used} were used when it was set, plus every phone number the
 * simulator has handed out since, as WeChat charges for each.
 */
@ApplicationScoped
class SimulatedPaidQuota {

    static final long DEFAULT_ALL = 1000;

    private final CallStats stats;
    private long all;
    private long usedBefore;
    private long successesAtSet;

    SimulatedPaidQuota(CallStats stats) {
        this.stats = stats;
        reset();
    }

    final synchronized void reset() {
        set(DEFAULT_ALL, 0);
    }

    synchronized void set(long all, long used) {
        this.all = all;
        this.usedBefore = used;
        this.successesAtSet = stats.phoneSuccesses();
    }

    synchronized Map<String, Object> answer(String spuId) {
        long used = usedBefore + Math.max(0, stats.phoneSuccesses() - successesAtSet);
        Instant start = Instant.now().minus(Duration.ofDays(30));
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("pkgId", "ZY2823973277692477440");
        pack.put("status", 1);
        pack.put("startTime", start.getEpochSecond());
        pack.put("endTime", start.plus(Duration.ofDays(365)).getEpochSecond());
        pack.put("all", Long.toString(all));
        pack.put("used", Long.toString(used));
        pack.put("spuId", spuId);
        pack.put("skuId", "20000059");
        pack.put("source", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.put("all", Long.toString(all));
        body.put("effectiveUse", Long.toString(used));
        body.put("total", 1);
        body.put("detailList", List.of(pack));
        return body;
    }
}
