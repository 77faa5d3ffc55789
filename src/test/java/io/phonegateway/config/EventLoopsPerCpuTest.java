package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class EventLoopsPerCpuTest {

    @Test
    void oneEventLoopPerCpuTheJvmSees() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopsPerCpu()).build();

        assertThat(config.getValue(EventLoopsPerCpu.PROPERTY, Integer.class))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void applicationPropertiesAndTheEnvironmentStillDecide() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopsPerCpu(),
                new PropertiesConfigSource(Map.of(EventLoopsPerCpu.PROPERTY, "7"), "application.properties", 250)).build();

        assertThat(config.getValue(EventLoopsPerCpu.PROPERTY, Integer.class)).isEqualTo(7);
    }

    @Test
    void itAnswersForNoOtherProperty() {
        assertThat(new EventLoopsPerCpu().getValue("quarkus.http.port")).isNull();
    }
}
