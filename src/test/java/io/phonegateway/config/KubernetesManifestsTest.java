package io.phonegateway.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.phonegateway.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.WithName;

/**
 * The manifests under {@code k8s/} against the service itself: every probe and scrape path answers, every port
 * is the one the service listens on, and every environment variable they set is a configuration key.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void probeAndScrapePathsAreServedOnTheServicePort() throws IOException {
        List<JsonNode> probes = new ArrayList<>();
        manifests().forEach(m -> m.findParents("httpGet").forEach(parent -> probes.add(parent.get("httpGet"))));
        assertThat(probes).extracting(p -> p.get("path").asText())
                .contains("/q/health/started", "/q/health/live", "/q/health/ready");
        for (JsonNode probe : probes) {
            assertThat(probe.get("port").asText()).isIn("http", servicePort());
            given().get(probe.get("path").asText()).then().statusCode(200);
        }
        JsonNode annotations = deployment().at("/spec/template/metadata/annotations");
        assertThat(annotations.get("prometheus.io/port").asText()).isEqualTo(servicePort());
        given().get(annotations.get("prometheus.io/path").asText()).then().statusCode(200);
    }

    @Test
    void portsAreTheServicePort() throws IOException {
        JsonNode http = deployment().at("/spec/template/spec/containers/0/ports/0");
        assertThat(http.get("name").asText()).isEqualTo("http");
        assertThat(http.get("containerPort").asText()).isEqualTo(servicePort());
        assertThat(manifest("base/service.yaml").at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        assertThat(manifest("base/networkpolicy.yaml").at("/spec/ingress/0/ports/0/port").asText()).isEqualTo(servicePort());
    }

    @Test
    void everyEnvironmentVariableIsAConfigurationKey() throws IOException {
        List<Pattern> keys = knownKeys().stream().map(KubernetesManifestsTest::envPattern).toList();
        Set<String> variables = environmentVariables();
        assertThat(variables).contains("PHONE_GATEWAY_APPS_SHOP_APP_ID", "PHONE_GATEWAY_APPS_SHOP_APP_SECRET",
                "QUARKUS_REDIS_HOSTS");
        assertThat(variables).allSatisfy(variable -> assertThat(keys)
                .as("%s maps to no configuration key", variable)
                .anyMatch(key -> key.matcher(variable).matches()));
    }

    /** ConfigMap data, the example Secret's keys, generator literals and container env, in base and overlays. */
    private static Set<String> environmentVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode m : manifests()) {
            String kind = m.path("kind").asText();
            if (kind.equals("ConfigMap") || kind.equals("Secret")) {
                m.path("data").fieldNames().forEachRemaining(names::add);
                m.path("stringData").fieldNames().forEachRemaining(names::add);
            }
            m.findValues("literals").forEach(literals -> literals.forEach(l -> names.add(l.asText().split("=", 2)[0])));
            m.findValues("env").forEach(env -> env.forEach(e -> names.add(e.path("name").asText())));
        }
        return names;
    }

    /** phone-gateway.* keys of {@link GatewayConfig} ({@code *} for a map key) and the keys application.properties sets. */
    private static Set<String> knownKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        collect("phone-gateway", GatewayConfig.class, keys);
        Properties properties = new Properties();
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(k -> keys.add(k.replaceFirst("^%[a-z]+\\.", "")));
        keys.add("quarkus.redis.password"); // a Quarkus key only the Secret sets (docs/security.md)
        return keys;
    }

    private static void collect(String prefix, Class<?> group, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Type type = method.getGenericReturnType();
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
                Type value = map.getActualTypeArguments()[1];
                if (value instanceof Class<?> c && c.isInterface() && c.getDeclaringClass() == GatewayConfig.class) {
                    collect(key + ".*", c, keys);
                } else {
                    keys.add(key + ".*");
                }
            } else if (type instanceof Class<?> c && c.isInterface() && c.getDeclaringClass() == GatewayConfig.class) {
                collect(key, c, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** How SmallRye Config reads a key from the environment: upper case, other characters as {@code _}. */
    private static Pattern envPattern(String key) {
        StringBuilder regex = new StringBuilder();
        for (String part : key.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9]+"); // a map key: one word, as README advises for app and client names
            }
            regex.append(Pattern.quote(part.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        }
        return Pattern.compile(regex.toString());
    }

    private static String servicePort() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.http.port");
    }

    private static JsonNode deployment() throws IOException {
        return manifest("base/deployment.yaml");
    }

    private static JsonNode manifest(String path) throws IOException {
        return YAML.readTree(K8S.resolve(path).toFile());
    }

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
                    docs.readAll().stream().filter(d -> d != null && d.isObject()).forEach(all::add);
                }
            }
        }
        return all;
    }
}
