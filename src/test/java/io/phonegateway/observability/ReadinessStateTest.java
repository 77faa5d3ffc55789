package io.phonegateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.phonegateway.config.TokenMode;
import io.phonegateway.config.TokenStoreKind;
import io.phonegateway.observability.TokenReadinessCheck.State;

/** The readiness decision in every state the component tests cannot reach on the suite's one boot. */
class ReadinessStateTest {

    @Test
    void redisDownDegradesStableModeButLeavesItReady() {
        State state = new State(TokenMode.STABLE, TokenStoreKind.REDIS, false, false);
        assertThat(state.degraded()).isTrue();
        assertThat(state.ready()).isTrue();
    }

    @Test
    void classicModeWithoutRedisIsReadyOnlyWhileItHoldsAValidToken() {
        assertThat(new State(TokenMode.CLASSIC, TokenStoreKind.REDIS, false, true).ready()).isTrue();
        assertThat(new State(TokenMode.CLASSIC, TokenStoreKind.REDIS, false, false).ready()).isFalse();
        assertThat(new State(TokenMode.CLASSIC, TokenStoreKind.REDIS, true, false).ready()).isTrue();
    }

    @Test
    void localStoreAndCloudModesNeverDependOnRedis() {
        assertThat(new State(TokenMode.CLASSIC, TokenStoreKind.LOCAL, true, false).degraded()).isFalse();
        assertThat(new State(TokenMode.CLOUD, TokenStoreKind.REDIS, false, false).ready()).isTrue();
        assertThat(new State(TokenMode.CLOUDBASE, TokenStoreKind.REDIS, false, false).ready()).isTrue();
    }

    @Test
    void aReplicaRedisRefusedForItsConfigurationSinceStartIsNotReady() {
        assertThat(new State(TokenMode.STABLE, TokenStoreKind.REDIS, false, true, true).ready()).isFalse();
        assertThat(new State(TokenMode.STABLE, TokenStoreKind.REDIS, true, false, true).ready())
                .as("Redis answers the probe now").isTrue();
    }
}
