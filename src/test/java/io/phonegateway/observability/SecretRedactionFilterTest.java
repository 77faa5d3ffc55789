package io.phonegateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.ws.rs.ProcessingException;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.ConfigFixture;
import io.vertx.core.impl.NoStackTraceTimeoutException;

class SecretRedactionFilterTest {

    private static final String TOKEN = "ST_85_AbCdEf0123456789";
    private static final String APP_SECRET = "0123456789abcdef0123456789abcdef";
    private static final String API_KEY = "caller-key-of-shop-7d2f";
    private static final String CACHE_KEY = "dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=";
    private static final String OBSERVED = "The timeout period of 4000ms has been exceeded while executing POST "
            + "/wxa/business/getuserphonenumber?access_token=" + TOKEN + " for server api.weixin.qq.com:443";

    private final SecretRedactionFilter filter = new SecretRedactionFilter(new Redactor(KnownSecrets.of(
            ConfigFixture.fromProperties(Map.of(
                    "phone-gateway.apps.shop.app-id", "wx4f4bc4dec97d474b",
                    "phone-gateway.apps.shop.app-secret", APP_SECRET,
                    "phone-gateway.auth.api-keys.shop", API_KEY + ",second-key-of-shop",
                    "phone-gateway.result-cache.key", CACHE_KEY)))));

    @Test
    void theObservedVertxLineLosesItsTokenAndKeepsTheRest() {
        ExtLogRecord record = record(OBSERVED);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("The timeout period of 4000ms has been exceeded while executing "
                + "POST /wxa/business/getuserphonenumber?access_token=*** for server api.weixin.qq.com:443");
    }

    @Test
    void parametersAreRedactedAfterFormattingAndEveryConfiguredSecretToo() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "GET %s then %s, keys %s and %s, cache %s",
                ExtLogRecord.FormatStyle.PRINTF, SecretRedactionFilterTest.class.getName());
        record.setParameters(new Object[] { "/sns/jscode2session?appid=wx1&secret=S3&js_code=J5&grant_type=x",
                "/x?cloudbase_access_token=CB7", API_KEY, "second-key-of-shop", CACHE_KEY });

        filter.isLoggable(record);

        assertThat(record.getFormattedMessage())
                .isEqualTo("GET /sns/jscode2session?appid=wx1&secret=***&js_code=***&grant_type=x then "
                        + "/x?cloudbase_access_token=***, keys *** and ***, cache ***");
    }

    @Test
    void jsonFieldsAndTheAppSecretInTextAreRedacted() {
        ExtLogRecord record = record("body {\"access_token\": \"" + TOKEN + "\", \"expires_in\":7200} secret of app: "
                + APP_SECRET);

        filter.isLoggable(record);

        assertThat(record.getFormattedMessage()).isEqualTo("body {\"access_token\": \"***\", \"expires_in\":7200} "
                + "secret of app: ***");
    }

    @Test
    void aThrownChainIsReplacedByARedactedCopyWithTheSameStackTraces() {
        NoStackTraceTimeoutException timeout = new NoStackTraceTimeoutException(OBSERVED);
        ProcessingException wrapped = new ProcessingException(timeout);
        wrapped.addSuppressed(new SocketException("reset while sending secret=" + APP_SECRET));
        ExtLogRecord record = record("request failed");
        record.setThrown(wrapped);

        filter.isLoggable(record);

        Throwable thrown = record.getThrown();
        assertThat(thrown).isInstanceOf(RedactedThrowable.class);
        assertThat(((RedactedThrowable) thrown).originalClass()).isEqualTo(ProcessingException.class.getName());
        assertThat(thrown.getStackTrace()).isEqualTo(wrapped.getStackTrace());
        assertThat(thrown.getCause().getMessage()).contains("access_token=***").doesNotContain(TOKEN);
        assertThat(thrown.getSuppressed()).hasSize(1);
        String printed = printed(thrown);
        assertThat(printed).doesNotContain(TOKEN, APP_SECRET)
                .contains("jakarta.ws.rs.ProcessingException: " + NoStackTraceTimeoutException.class.getName())
                .contains("Caused by: " + NoStackTraceTimeoutException.class.getName() + ": The timeout period")
                .contains("Suppressed: java.net.SocketException: reset while sending secret=***")
                .contains("at " + SecretRedactionFilterTest.class.getName());
        assertThat(record.getFormattedMessage()).isEqualTo("request failed");
    }

    @Test
    void aRecordWithoutSecretsIsLeftAsItWas() {
        IllegalStateException thrown = new IllegalStateException("nothing to hide");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "lookup requestId=%s outcome=ok",
                ExtLogRecord.FormatStyle.PRINTF, SecretRedactionFilterTest.class.getName());
        record.setParameters(new Object[] { "r-1" });
        record.setThrown(thrown);

        filter.isLoggable(record);

        assertThat(record.getMessage()).isEqualTo("lookup requestId=%s outcome=ok");
        assertThat(record.getParameters()).containsExactly("r-1");
        assertThat(record.getThrown()).isSameAs(thrown);
    }

    @Test
    void shortConfiguredValuesAreNotReplacedAsLiterals() {
        Redactor redactor = new Redactor(List.of("abc", APP_SECRET));

        assertThat(redactor.redact("abc " + APP_SECRET)).isEqualTo("abc ***");
    }

    private static ExtLogRecord record(String message) {
        return new ExtLogRecord(Level.SEVERE, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                SecretRedactionFilterTest.class.getName());
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
