package io.synthsmith.e2e.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums a Prometheus counter of the services over their lives (a sample may carry an exemplar after {@code #}): a killed JVM takes its counters with it, so the
 * value it last showed is kept and the next life's values are added. Values are scraped now and then, so what a
 * life counted after its last scrape is missed: the totals are lower bounds.
 */
public final class CounterTally {

    private final String metric;
    private final String label;
    private final Map<String, Integer> lifeOf = new HashMap<>();
    private final Map<String, Map<String, Double>> current = new HashMap<>();
    private final Map<String, Double> finished = new TreeMap<>();

    /** Tallies counter {@code metric} (its Prometheus name, e.g. synthsmith_llm_errors_total) by {@code label}. */
    public CounterTally(String metric, String label) {
        this.metric = metric;
        this.label = label;
    }

    /** Scrapes the service's /q/metrics once, if it answers. */
    public synchronized void scrape(ServiceProcess service) {
        int life = service.starts();
        Integer known = lifeOf.put(service.name(), life);
        if (known != null && known != life) {
            current.getOrDefault(service.name(), Map.of()).forEach((key, value) -> finished.merge(key, value, Double::sum));
            current.remove(service.name());
        }
        service.get("/q/metrics").filter(response -> response.statusCode() == 200).ifPresent(response -> {
            Map<String, Double> values = new HashMap<>();
            Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\}\\s+(\\S+)(?:\\s+#.*)?$", Pattern.MULTILINE);
            Pattern labelValue = Pattern.compile(Pattern.quote(label) + "=\"([^\"]*)\"");
            Matcher matcher = sample.matcher(response.body());
            while (matcher.find()) {
                Matcher value = labelValue.matcher(matcher.group(1));
                String key = value.find() ? value.group(1) : "";
                values.merge(key, Double.parseDouble(matcher.group(2)), Double::sum);
            }
            current.put(service.name(), values);
        });
    }

    /** The totals by label value, over every life of every service scraped. */
    public synchronized Map<String, Long> totals() {
        Map<String, Double> sum = new TreeMap<>(finished);
        current.values().forEach(values -> values.forEach((key, value) -> sum.merge(key, value, Double::sum)));
        Map<String, Long> rounded = new TreeMap<>();
        sum.forEach((key, value) -> rounded.put(key, Math.round(value)));
        return rounded;
    }
}
