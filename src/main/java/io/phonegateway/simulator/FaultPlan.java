package io.phonegateway.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Faults queued per endpoint: each call takes the first one that still has calls left. */
@ApplicationScoped
public class FaultPlan {

    private final Map<SimulatedApi, Deque<Fault>> queued = new EnumMap<>(SimulatedApi.class);

    synchronized void add(SimulatedApi api, Fault fault) {
        queued.computeIfAbsent(api, a -> new ArrayDeque<>()).addLast(fault);
    }

    /** The fault this call of {@code api} suffers, if any; counts it against the fault's remaining calls. */
    synchronized Optional<Fault> take(SimulatedApi api) {
        Deque<Fault> faults = queued.get(api);
        if (faults == null || faults.isEmpty()) {
            return Optional.empty();
        }
        Fault fault = faults.removeFirst();
        Fault rest = fault.once();
        if (rest.times() != 0) {
            faults.addFirst(rest);
        }
        return Optional.of(fault);
    }

    synchronized void reset() {
        queued.clear();
    }
}
