package io.phonegateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;

/**
 * WeChat's paid quota ({@code /wxa/charge/usage/get}), per app and spuId: one resource pack of {@code all} numbers, of
 * which {@code used} were used when it was set, plus every phone code minted for that app and component since. WeChat
 * charges when the user's tap produces a code, not when the gateway exchanges it, so a code minted and never looked
 * up is charged too: the reconciliation gap the gateway reports.
 */
@ApplicationScoped
class SimulatedPaidQuota {

    static final long DEFAULT_ALL = 1000;
    /** The simulator's spuId of the real-time component when {@code paid-quota.realtime-spu-id} is not set. */
    static final String REALTIME_SPU_FALLBACK = "realtime";

    /** A pack set for one app and spuId, or every one of them where null, with the charges counted when it was set. */
    private record Pack(String appId, String spuId, long all, long used, Map<String, Long> chargesAtSet) {
        boolean matches(String app, String spu) {
            return (appId == null || appId.equals(app)) && (spuId == null || spuId.equals(spu));
        }
    }

    private final String quickSpuId;
    private final String realtimeSpuId;
    private final List<Pack> packs = new ArrayList<>();
    private final Map<String, Long> charges = new HashMap<>();

    SimulatedPaidQuota(GatewayConfig config) {
        this.quickSpuId = config.paidQuota().spuId();
        this.realtimeSpuId = config.paidQuota().realtimeSpuId().orElse(REALTIME_SPU_FALLBACK);
        reset();
    }

    final synchronized void reset() {
        packs.clear();
        charges.clear();
        set(null, null, DEFAULT_ALL, 0);
    }

    /** A new pack for {@code appId} and {@code spuId}, each meaning every one when null. */
    synchronized void set(String appId, String spuId, long all, long used) {
        packs.add(new Pack(appId, spuId, all, used, Map.copyOf(charges)));
    }

    /** A user's tap produced a code of {@code component} for {@code appId}: WeChat charges it now. */
    synchronized void charge(String appId, PhoneComponent component) {
        charges.merge(key(appId, spuOf(component)), 1L, Long::sum);
    }

    String spuOf(PhoneComponent component) {
        return component == PhoneComponent.REALTIME ? realtimeSpuId : quickSpuId;
    }

    synchronized Map<String, Object> answer(String appId, String spuId) {
        Pack pack = packs.get(0);
        for (Pack candidate : packs) {
            if (candidate.matches(appId, spuId)) {
                pack = candidate;
            }
        }
        String key = key(appId, spuId);
        long used = pack.used() + charges.getOrDefault(key, 0L) - pack.chargesAtSet().getOrDefault(key, 0L);
        Instant start = Instant.now().minus(Duration.ofDays(30));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("pkgId", "ZY2823973277692477440");
        detail.put("status", 1);
        detail.put("startTime", start.getEpochSecond());
        detail.put("endTime", start.plus(Duration.ofDays(365)).getEpochSecond());
        detail.put("all", Long.toString(pack.all()));
        detail.put("used", Long.toString(used));
        detail.put("spuId", spuId);
        detail.put("skuId", "20000059");
        detail.put("source", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.put("all", Long.toString(pack.all()));
        body.put("effectiveUse", Long.toString(used));
        body.put("total", 1);
        body.put("detailList", List.of(detail));
        return body;
    }

    private static String key(String appId, String spuId) {
        return Objects.requireNonNullElse(appId, "-") + "/" + spuId;
    }
}
