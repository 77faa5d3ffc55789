package io.phonegateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.ProblemCode;
import io.smallrye.config.WithDefault;

/**
 * README's two reference tables follow the code: every {@link ProblemCode} is a row of the API table with its
 * status, and every property of the {@link GatewayConfig} tree is one row of the configuration table, with its
 * environment variable, its {@code @WithDefault} and the dev/test values {@code application.properties} sets.
 */
class ReadmeTablesTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z]+>");
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    /** {@code (`local` in dev/test)}: a profile value the Default column promises. */
    private static final Pattern PROFILE_VALUE = Pattern.compile("\\(`([^`]+)` in ([a-z/]+)\\)");

    @Test
    void everyProblemCodeIsARowOfTheApiTableWithItsStatus() throws IOException {
        Map<String, Integer> documented = new LinkedHashMap<>();
        for (List<String> row : table("| status | code | when |")) {
            documented.put(row.get(1).replace("`", ""), Integer.parseInt(row.get(0)));
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (ProblemCode code : ProblemCode.values()) {
            expected.put(code.name(), code.status());
        }
        assertThat(documented).as("README API table: code -> status").containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void everyConfigPropertyIsOneRowOfTheConfigurationTable() throws IOException {
        Map<String, Leaf> expected = new TreeMap<>();
        walk(GatewayConfig.class, "phone-gateway", expected);

        Map<String, List<String>> rows = new TreeMap<>();
        List<String> repeated = new ArrayList<>();
        for (List<String> row : table("| Description | Env var | Property | Default |")) {
            for (String property : properties(row.get(2))) {
                if (property.startsWith("phone-gateway.") && rows.put(normalized(property), row) != null) {
                    repeated.add(property);
                }
            }
        }
        assertThat(repeated).as("properties listed more than once").isEmpty();
        assertThat(rows.keySet()).as("phone-gateway properties in README's configuration table")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());

        Properties profiles = applicationProperties();
        for (Map.Entry<String, Leaf> entry : expected.entrySet()) {
            List<String> row = rows.get(entry.getKey());
            String property = properties(row.get(2)).stream().filter(p -> normalized(p).equals(entry.getKey()))
                    .findFirst().orElseThrow();
            String env = properties(row.get(1)).get(0);
            boolean rowsOwn = properties(row.get(2)).get(0).equals(property); // the others of a row: in its prose
            if (rowsOwn) {
                assertThat(env).as("env var of " + property).isEqualTo(envVar(property));
            }
            String defaultCell = row.get(3);
            if (rowsOwn && entry.getValue().defaultValue() != null) {
                assertThat(firstTicked(defaultCell)).as("default of " + property)
                        .isEqualTo(entry.getValue().defaultValue());
            }
            Matcher profileValue = PROFILE_VALUE.matcher(defaultCell);
            while (profileValue.find()) {
                for (String profile : profileValue.group(2).split("/")) {
                    assertThat(profiles.getProperty("%" + profile + "." + property))
                            .as("README says %s is `%s` in %s", property, profileValue.group(1), profile)
                            .isEqualTo(profileValue.group(1));
                }
            }
        }
    }

    private record Leaf(String defaultValue) {
    }

    /** The property names of a {@code @ConfigMapping} interface: kebab-case, a map key as {@code <name>}. */
    private static void walk(Class<?> mapping, String prefix, Map<String, Leaf> into) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + kebab(method.getName());
            Type type = method.getGenericReturnType();
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
                Type value = map.getActualTypeArguments()[1];
                if (value instanceof Class<?> group && isGroup(group)) {
                    walk(group, name + ".<name>", into);
                } else {
                    into.put(name + ".<name>", new Leaf(null));
                }
            } else if (type instanceof Class<?> group && isGroup(group)) {
                walk(group, name, into);
            } else {
                into.put(name, new Leaf(withDefault == null ? null : withDefault.value()));
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("io.phonegateway.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String normalized(String property) {
        return PLACEHOLDER.matcher(property).replaceAll("<name>");
    }

    /** {@code phone-gateway.apps.<name>.app-id} is {@code PHONE_GATEWAY_APPS_<NAME>_APP_ID}. */
    private static String envVar(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The names of a cell: {@code `a.b.requests` (`.period`, `.burst`)} is a.b.requests, a.b.period and a.b.burst.
     */
    private static List<String> properties(String cell) {
        List<String> names = new ArrayList<>();
        Matcher ticked = TICKED.matcher(cell);
        while (ticked.find()) {
            String name = ticked.group(1);
            if ((name.startsWith(".") || name.startsWith("_")) && !names.isEmpty()) {
                String first = names.get(0);
                name = first.substring(0, first.lastIndexOf(name.charAt(0))) + name;
            }
            names.add(name);
        }
        return names;
    }

    private static String firstTicked(String cell) {
        Matcher ticked = TICKED.matcher(cell);
        return ticked.find() ? ticked.group(1) : cell;
    }

    /** The body rows of the Markdown table whose header line is {@code header}, split into trimmed cells. */
    private static List<List<String>> table(String header) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf(header);
        assertThat(start).as("README has a table headed " + header).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).replace("\\|", "\u0000");
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.replace('\u0000', '|').trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
