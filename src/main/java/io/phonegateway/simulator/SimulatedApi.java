package io.phonegateway.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The WeChat endpoints the simulator fakes, by the label tests and faults use. */
public enum SimulatedApi {
    GETUSERPHONENUMBER("getuserphonenumber"),
    STABLE_TOKEN("stable_token"),
    TOKEN("token"),
    CHARGE_USAGE("charge_usage"),
    JSCODE2SESSION("jscode2session");

    private final String label;

    SimulatedApi(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static Optional<SimulatedApi> byLabel(String label) {
        return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
    }
}
