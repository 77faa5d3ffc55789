package io.phonegateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.phonegateway.config.StoreKind;
import io.phonegateway.config.TokenMode;
import io.phonegateway.observability.TokenReadinessCheck.State;

/** The readiness decision in every state the component tests cannot reach on the suite's one boot. */
class ReadinessStateTest {

    @Test
    void redisDownDegradesStableModeButLeavesItReady() {
        State state = new State(TokenMode.STABLE, StoreKind.REDIS, false, false);
        assertThat(state.degraded()).isTrue();
        assertThat(state.ready()).isTrue();
    }

    @Test
    void classicModeWithoutRedisIsReadyOnlyWhileItHoldsAValidToken() {
        assertThat(new State(TokenMode.CLASSIC, StoreKind.REDIS, false, true).ready()).isTrue();
        assertThat(new State(TokenMode.CLASSIC, StoreKind.REDIS, false, false).ready()).isFalse();
        assertThat(new State(TokenMode.CLASSIC, StoreKind.REDIS, true, false).ready()).isTrue();
    }

    @Test
    void localStoreAndCloudModesNeverDependOnRedis() {
        assertThat(new State(TokenMode.CLASSIC, StoreKind.LOCAL, true, false).degraded()).isFalse();
        assertThat(new State(TokenMode.CLOUD, StoreKind.REDIS, false, false).ready()).isTrue();
        assertThat(new State(TokenMode.CLOUDBASE, StoreKind.REDIS, false, false).ready()).isTrue();
    }

    @Test
    void aReplicaRedisRefusedForItsConfigurationSinceStartIsNotReady() {
        assertThat(new State(TokenMode.STABLE, StoreKind.REDIS, false, true, true).ready()).isFalse();
        assertThat(new State(TokenMode.STABLE, StoreKind.REDIS, true, false, true).ready())
                .as("Redis answers the probe now").isTrue();
    }
}
