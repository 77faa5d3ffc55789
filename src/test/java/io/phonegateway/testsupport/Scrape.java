package io.phonegateway.testsupport;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /q/metrics} in Prometheus text format, as Prometheus asks for it, parsed into samples.
 * Lookups by name and a subset of labels: {@code value("phone_gateway_lookups_total", "app", "demo", "outcome", "ok")}.
 */
public final class Scrape {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Scrape now() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(text);
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalStateException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, number(m.group(4))));
        }
        return new Scrape(text, samples);
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    /** The one sample with this name and these labels (others may exist), or empty. */
    public OptionalDouble find(String name, String... labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples match " + name + " " + List.of(labels));
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
    }

    /** The value of the one matching sample; 0 when there is none (a counter not yet created). */
    public double value(String name, String... labels) {
        return find(name, labels).orElse(0);
    }

    /** A sample value: Prometheus writes infinities as {@code +Inf} and {@code -Inf}, which Java does not parse. */
    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
