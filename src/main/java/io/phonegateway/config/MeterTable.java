package io.phonegateway.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Meters of one name resolved once per pair of label values, then looked up: a lookup is two map reads, where
 * {@code Counter.builder(..).tags(..).register(..)} on every request builds tags, an id and a map key and takes
 * the registry's lock path each time (issue 16's profile). Label values are bounded by their callers.
 *
 * @param <M> the meter type
 */
public final class MeterTable<M> {

    private final Map<String, Map<String, M>> meters = new ConcurrentHashMap<>();
    private final BiFunction<String, String, M> register;

    /** {@code register} makes and registers the meter of one pair of label values; it is called once per pair. */
    public MeterTable(BiFunction<String, String, M> register) {
        this.register = register;
    }

    public M get(String first, String second) {
        Map<String, M> row = meters.get(first);
        if (row == null) {
            row = meters.computeIfAbsent(first, k -> new ConcurrentHashMap<>());
        }
        M meter = row.get(second);
        return meter != null ? meter : row.computeIfAbsent(second, k -> register.apply(first, k));
    }

    /** For meters with one label: the second value is ignored by {@code register}. */
    public M get(String only) {
        return get(only, "");
    }
}
