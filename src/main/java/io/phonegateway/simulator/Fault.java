package io.phonegateway.simulator;

/**
 * One injected misbehaviour of a simulated endpoint, for the next {@code times} calls ({@code -1}: until reset).
 *
 * @param type what the endpoint does instead of its normal answer
 * @param errcode the errcode answered, for {@link Type#ERRCODE}
 * @param httpStatus the status answered without a WeChat body, for {@link Type#HTTP_STATUS}
 * @param delayMillis added latency before the normal answer, for {@link Type#DELAY}
 * @param consumeCode whether the phone code is spent anyway (the request "arrived" before the failure)
 */
record Fault(Type type, int errcode, int httpStatus, long delayMillis, int times, boolean consumeCode) {

    enum Type {
        ERRCODE,
        HTTP_STATUS,
        MALFORMED,
        DELAY;

        static Type of(String label) {
            return valueOf(label.trim().toUpperCase().replace('-', '_'));
        }
    }

    Fault once() {
        return times < 0 ? this : new Fault(type, errcode, httpStatus, delayMillis, times - 1, consumeCode);
    }
}
