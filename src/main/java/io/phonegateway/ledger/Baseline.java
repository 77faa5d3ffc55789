package io.phonegateway.ledger;

/**
 * What WeChat had charged ({@code effectiveUse}) and what the ledger had counted as paid, for one app and component,
 * when the paid-quota poller first looked on a China day: the day's reconciliation counts from there.
 */
record Baseline(long wechatUsed, long ledgerPaid) {

    String encoded() {
        return wechatUsed + "," + ledgerPaid;
    }

    static Baseline parse(String value) {
        int comma = value.indexOf(',');
        return new Baseline(Long.parseLong(value.substring(0, comma)), Long.parseLong(value.substring(comma + 1)));
    }
}
