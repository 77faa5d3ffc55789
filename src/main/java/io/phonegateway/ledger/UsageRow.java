package io.phonegateway.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.phonegateway.config.PhoneComponent;

/**
 * One line of {@code GET /usage}: what one caller spent on one app's component on one China day.
 *
 * @param paid numbers WeChat handed out (each one charged)
 * @param cost {@code paid} times the component's configured price, in CNY
 * @param saved answers from the result cache (a retry of the same code): no charge
 * @param savedCost what {@code saved} would have cost, in CNY
 */
public record UsageRow(LocalDate day, String app, String appId, String caller, PhoneComponent component, long paid,
        BigDecimal cost, long saved, BigDecimal savedCost) {
}
