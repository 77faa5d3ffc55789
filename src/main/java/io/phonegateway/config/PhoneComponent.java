package io.phonegateway.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The mini-program component that produced a phone code, which sets its price: WeChat's answer does not say which, so a
 * request names it ({@code component}) or the app's {@code default-component} applies.
 */
public enum PhoneComponent {
    /** 手机号快速验证组件 ({@code open-type="getPhoneNumber"}), 0.03 CNY a number. */
    QUICK,
    /** 手机号实时验证组件 ({@code open-type="getRealtimePhoneNumber"}), 0.04 CNY a number. */
    REALTIME;

    /** {@code quick} or {@code realtime}: the request field, metric label and CSV column. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The component of a label, exactly as {@link #label()} writes it. */
    public static Optional<PhoneComponent> ofLabel(String label) {
        for (PhoneComponent component : values()) {
            if (component.label().equals(label)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }
}
