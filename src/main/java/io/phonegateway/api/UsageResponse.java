package io.phonegateway.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.ledger.UsageRow;

/** The JSON answer of {@code GET /usage}: the rows of the range and their totals. Costs are estimates in CNY. */
@Schema(name = "Usage")
public record UsageResponse(
        @Schema(required = true, description = "First China day of the range (ISO date)") String from,
        @Schema(required = true, description = "Last China day of the range, included") String to,
        @Schema(required = true, description = "Always CNY") String currency,
        @Schema(required = true, description = "One row per day, app, caller and component with a count, in that order") List<Row> rows,
        @Schema(required = true) Totals totals) {

    /** One day, app, caller and component. */
    @Schema(name = "UsageRow")
    public record Row(
            @Schema(required = true, description = "China day (Asia/Shanghai), ISO date") String day,
            @Schema(required = true, description = "The app's configured name") String app,
            @Schema(required = true) String appId,
            @Schema(required = true, description = "The calling service (API key client name)") String caller,
            @Schema(required = true, enumeration = {
                    "quick", "realtime" }) String component,
            @Schema(required = true, description = "Numbers WeChat handed out: each one charged") long paid,
            @Schema(required = true, description = "paid times the component's configured price, CNY") BigDecimal cost,
            @Schema(required = true, description = "Answers from the result cache: not charged again") long saved,
            @Schema(required = true, description = "What saved would have cost, CNY") BigDecimal savedCost){

        static Row of(UsageRow row) {
            return new Row(row.day().toString(), row.app(), row.appId(), row.caller(), row.component().label(), row.paid(),
                    row.cost(), row.saved(), row.savedCost());
        }
    }

    /** The sums of every row. */
    @Schema(name = "UsageTotals")
    public record Totals(@Schema(required = true) long paid, @Schema(required = true) BigDecimal cost,
            @Schema(required = true) long saved, @Schema(required = true) BigDecimal savedCost) {
    }

    static UsageResponse of(String from, String to, List<UsageRow> rows) {
        Totals totals = new Totals(rows.stream().mapToLong(UsageRow::paid).sum(),
                rows.stream().map(UsageRow::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                rows.stream().mapToLong(UsageRow::saved).sum(),
                rows.stream().map(UsageRow::savedCost).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new UsageResponse(from, to, "CNY", rows.stream().map(Row::of).toList(), totals);
    }

    /** RFC 4180 CSV for finance: a header line, then one line per row; every value is a name, a date or a number. */
    String csv() {
        StringBuilder csv = new StringBuilder("day,app,app_id,caller,component,paid,cost_cny,saved,saved_cny\r\n");
        for (Row row : rows) {
            csv.append(String.join(",", row.day(), row.app(), row.appId(), row.caller(), row.component(),
                    Long.toString(row.paid()), row.cost().toPlainString(), Long.toString(row.saved()),
                    row.savedCost().toPlainString())).append("\r\n");
        }
        return csv.toString();
    }
}
