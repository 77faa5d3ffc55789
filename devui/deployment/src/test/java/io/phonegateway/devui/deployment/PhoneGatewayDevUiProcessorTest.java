package io.phonegateway.devui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

class PhoneGatewayDevUiProcessorTest {

    private static final List<Map<String, Object>> APPS = List
            .of(Map.of("name", "demo", "appId", "wx4f4bc4dec97d474b", "isDefault", true));

    @Test
    void oneWebComponentPageAndItsBuildTimeData() {
        CardPageBuildItem card = PhoneGatewayDevUiProcessor.card(APPS,
                new PhoneGatewayDevUiProcessor.Endpoints("/q/health/ready", "/phone", "/simulator/control/codes", true));

        assertThat(card.getPages()).hasSize(1);
        Page page = card.getPages().get(0).build();
        assertThat(page.getComponentLink()).isEqualTo(PhoneGatewayDevUiProcessor.COMPONENT);
        assertThat(page.getTitle()).isEqualTo("Gateway");
        assertThat(card.getBuildTimeData()).containsOnlyKeys("apps", "readinessPath", "phonePath", "mintPath",
                "simulatorEnabled");
        assertThat(card.getBuildTimeData().get("apps").getContent()).isEqualTo(APPS);
        assertThat(card.getBuildTimeData().get("readinessPath").getContent()).isEqualTo("/q/health/ready");
        assertThat(card.getBuildTimeData().get("simulatorEnabled").getContent()).isEqualTo(true);
    }

    @Test
    void theComponentIsShippedAndImportsEveryBuildTimeKey() throws Exception {
        String js = component();
        assertThat(js).contains("customElements.define('qwc-phone-gateway'")
                .contains("import { apps, readinessPath, phonePath, mintPath, simulatorEnabled } from 'build-time-data';");
    }

    /** A syntax error would only show as a blank page in dev mode: parse the module with node where there is one. */
    @Test
    void theComponentParsesAsAnEsModule(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("node"), "node is not installed");
        Path module = dir.resolve("qwc-phone-gateway.mjs");
        Files.writeString(module, component());
        Process node = new ProcessBuilder("node", "--check", module.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
    }

    private static String component() throws Exception {
        try (InputStream in = PhoneGatewayDevUiProcessorTest.class
                .getResourceAsStream("/dev-ui/" + PhoneGatewayDevUiProcessor.COMPONENT)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes());
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
