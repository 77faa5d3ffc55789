package io.phonegateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape we keep (README "Design"): arrows point one way, api on top, then lookup, then wechat, token and phone,
 * then the shared leaves problem, redis and config; health checks and the simulator import nothing that imports
 * them. Each package may depend on the packages named here and on nothing else of phone-gateway; no package cycle.
 * Extend this table when a package is added; never loosen it.
 */
class PackageShapeTest {

    private static final String ROOT = "io.phonegateway";

    /** Each package and the phone-gateway packages it may use. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();
    static {
        ALLOWED.put("api", Set.of("lookup", "ratelimit", "ledger", "phone", "problem", "config"));
        ALLOWED.put("observability", Set.of("token", "wechat", "ledger", "redis", "config"));
        ALLOWED.put("ledger", Set.of("redis", "config"));
        ALLOWED.put("lookup", Set.of("token", "wechat", "phone", "redis", "problem", "config"));
        ALLOWED.put("ratelimit", Set.of("redis", "config"));
        ALLOWED.put("token", Set.of("wechat", "redis", "problem", "config"));
        ALLOWED.put("wechat", Set.of("config"));
        ALLOWED.put("phone", Set.of());
        ALLOWED.put("redis", Set.of("config"));
        ALLOWED.put("problem", Set.of());
        ALLOWED.put("config", Set.of());
        ALLOWED.put("simulator", Set.of("config"));
    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageIsInTheTable() {
        Set<String> found = new TreeSet<>();
        MAIN.forEach(c -> found.add(c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]));
        assertThat(ALLOWED.keySet()).containsAll(found);
    }

    @Test
    void noPackageCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** WeChat's session_key is parsed away in wechat and never held (issue 19): no field of the gateway may hold one. */
    @Test
    void noClassOfTheGatewayHoldsASessionKey() {
        noFields().that().areDeclaredInClassesThat().resideOutsideOfPackage(ROOT + ".simulator..")
                .should().haveNameMatching("(?i).*session_?key.*")
                .because("the session_key is never returned, logged, counted or stored")
                .check(MAIN);
    }

    /** The Redis client bean, never a data source: injecting one makes Quarkus build a second client (issue 15). */
    @Test
    void noClassOfTheGatewayUsesARedisDataSource() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.quarkus.redis.datasource..")
                .because("a Redis data source builds a second Redis client, whose pool gauges collide with the first's"
                        + " (docs/redis.md \"Redis client, not data source\")")
                .check(MAIN);
    }

    @Test
    void eachPackageUsesOnlyWhatItMay() {
        ALLOWED.forEach((pkg, allowed) -> {
            String[] forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .map(other -> ROOT + "." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(pkg + " may use only " + allowed)
                    .check(MAIN);
        });
    }
}
