package io.phonegateway.lookup;

import java.util.List;
import java.util.Map;

import io.phonegateway.testsupport.WechatWireMockResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * WeChat replaced by WireMock (what the simulator cannot do: break a connection mid-answer, dribble a body),
 * with short timeouts so the deadline tests take a second, not five.
 */
public class WireFaultsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "phone-gateway.lookup.deadline", "1500ms",
                "quarkus.rest-client.wechat.read-timeout", "600",
                "phone-gateway.simulator.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WechatWireMockResource.class));
    }
}
