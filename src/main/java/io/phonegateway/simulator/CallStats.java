package io.phonegateway.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** What reached the simulator: calls per WeChat endpoint, tokens issued, phone numbers handed out. */
@ApplicationScoped
public class CallStats {

    private final Map<SimulatedApi, AtomicLong> calls = new EnumMap<>(SimulatedApi.class);
    private final Map<SimulatedApi, AtomicLong> tokensIssued = new EnumMap<>(SimulatedApi.class);
    private final AtomicLong phoneSuccesses = new AtomicLong();

    public CallStats() {
        for (SimulatedApi api : SimulatedApi.values()) {
            calls.put(api, new AtomicLong());
            tokensIssued.put(api, new AtomicLong());
        }
    }

    void called(SimulatedApi api) {
        calls.get(api).incrementAndGet();
    }

    void tokenIssued(SimulatedApi api) {
        tokensIssued.get(api).incrementAndGet();
    }

    void phoneSucceeded() {
        phoneSuccesses.incrementAndGet();
    }

    public long calls(SimulatedApi api) {
        return calls.get(api).get();
    }

    public long tokensIssued(SimulatedApi api) {
        return tokensIssued.get(api).get();
    }

    public long phoneSuccesses() {
        return phoneSuccesses.get();
    }

    void reset() {
        calls.values().forEach(c -> c.set(0));
        tokensIssued.values().forEach(c -> c.set(0));
        phoneSuccesses.set(0);
    }
}
