package io.phonegateway.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.wechat.Errcodes;
import io.phonegateway.wechat.WechatApiName;
import io.phonegateway.wechat.WechatException;

/** docs/migration.md lists every errcode the gateway knows with the problem it becomes, as the code has it. */
class MigrationErrcodeTableTest {

    private static final String OTHER = "any other";

    record Row(int status, String code, Optional<Duration> retryAfter) {
    }

    private final Map<String, Row> table = table();

    @Test
    void everyErrcodeOfTheCatalogueHasARowAndNoRowIsForAnErrcodeTheGatewayDoesNotKnow() {
        List<String> documented = table.keySet().stream().filter(errcode -> !errcode.equals(OTHER)).toList();

        assertThat(documented).doesNotHaveDuplicates();
        assertThat(documented.stream().map(Integer::valueOf).toList()).containsExactlyInAnyOrderElementsOf(Errcodes.known());
        assertThat(table).containsKey(OTHER);
    }

    @Test
    void eachRowSaysTheStatusProblemCodeAndRetryAfterTheGatewayAnswers() {
        table.forEach((errcode, row) -> {
            int wechatErrcode = errcode.equals(OTHER) ? 99999 : Integer.parseInt(errcode);
            GatewayException problem = WechatFailures.toProblem(
                    new WechatException(WechatApiName.GET_USER_PHONE_NUMBER, wechatErrcode, "rid-1"));

            assertThat(problem.code().name()).as("problem code of %s", errcode).isEqualTo(row.code());
            assertThat(problem.code().status()).as("status of %s", errcode).isEqualTo(row.status());
            assertThat(problem.retryAfter()).as("Retry-After of %s", errcode).isEqualTo(row.retryAfter());
            assertThat(problem.errcode()).contains(wechatErrcode);
        });
    }

    /** The rows between the errcode-table markers: errcode | WeChat says | status | problem code | Retry-After | ... */
    private static Map<String, Row> table() {
        String page;
        try {
            page = Files.readString(Path.of("docs", "migration.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = page.indexOf("<!-- errcode-table");
        int end = page.indexOf("<!-- /errcode-table -->");
        assertThat(start).as("docs/migration.md has its errcode table").isNotNegative().isLessThan(end);
        Map<String, Row> rows = new LinkedHashMap<>();
        page.substring(start, end).lines().filter(line -> line.startsWith("|")).skip(2).forEach(line -> {
            String[] cells = line.split("\\|", -1);
            String errcode = cells[1].trim();
            String retryAfter = cells[5].trim();
            Row row = new Row(Integer.parseInt(cells[3].trim()), cells[4].trim().replace("`", ""),
                    retryAfter.equals("-") ? Optional.empty()
                            : Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.replace(" s", "")))));
            assertThat(rows.put(errcode, row)).as("errcode %s listed once", errcode).isNull();
        });
        return rows;
    }
}
