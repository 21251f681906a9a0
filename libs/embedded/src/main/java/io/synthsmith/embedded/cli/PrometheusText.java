package io.synthsmith.embedded.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of a Prometheus text exposition (format 0.0.4, what a Quarkus service serves on {@code /q/metrics}),
 * so that {@code bin/synthsmith status} can add up the pipeline's counters without a Prometheus server.
 * Comments ({@code # HELP}, {@code # TYPE}) and blank lines are skipped; label values are unescaped
 * ({@code \\}, {@code \"}, {@code \n}); a timestamp after the value is ignored, and so is an OpenMetrics exemplar
 * ({@code # {span_id="…",trace_id="…"} 1.0 1795263311.8}), which services that trace add to their counters.
 */
public record PrometheusText(List<Sample> samples) {

    /** One line of the exposition: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** Whether every label of {@code filter} has the given value on this sample. */
        boolean matches(Map<String, String> filter) {
            return filter.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    public PrometheusText {
        samples = List.copyOf(samples);
    }

    /** An exposition with no samples: what a service that does not answer contributes. */
    public static PrometheusText empty() {
        return new PrometheusText(List.of());
    }

    /** Parses an exposition; a malformed line throws with its number and text. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + " is not in the Prometheus text"
                        + " format (" + e.getMessage() + "): " + line, e);
            }
        }
        return new PrometheusText(samples);
    }

    /** The sum of the samples of {@code name} whose labels include {@code filter}; 0 when there is none. */
    public double sum(String name, Map<String, String> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && s.matches(filter))
                .mapToDouble(Sample::value).sum();
    }

    /** The sums of the samples of {@code name} matching {@code filter}, by the value of {@code label}, sorted. */
    public Map<String, Double> sumBy(String name, String label, Map<String, String> filter) {
        Map<String, Double> sums = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.matches(filter)) {
                sums.merge(sample.labels().getOrDefault(label, ""), sample.value(), Double::sum);
            }
        }
        return sums;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String afterLabels = line.substring(i);
        int exemplar = afterLabels.indexOf('#');
        if (exemplar >= 0) {
            afterLabels = afterLabels.substring(0, exemplar);
        }
        String[] rest = afterLabels.strip().split("\\s+");
        if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0]));
    }

    /** Reads {@code name="value",...}} from {@code start}; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unclosed '{'");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("expected name=\"value\" at column " + (i + 1));
            }
            String label = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            i = equals + 2;
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unclosed label value of '" + label + "'");
                }
                char c = line.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < line.length()) {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value '" + text + "'");
                }
            }
        };
    }
}
