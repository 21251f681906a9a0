package io.synthsmith.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code says about a service: its HTTP port, its input topic and consumer group (from its
 * application.properties), and every configuration key it has or documents, so that deployment files can be
 * checked against them.
 */
record ServiceConfiguration(String name, int port, String inputTopic, String consumerGroup, Set<String> keys) {

    static final Path ROOT = Path.of("..");
    static final List<String> SERVICES = List.of("task-evolver", "solver", "verifier", "dedup", "exporter");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("`((?:synthsmith|quarkus|kafka|mp)\\.[a-z0-9.\\-<>\"]+)`");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    /** The input topic of each service, by base name: the pipeline of the design. */
    static final Map<String, String> INPUTS = Map.of("task-evolver", "seeds", "solver", "tasks.unique", "verifier", "solved",
            "dedup", "verified", "exporter", "accepted");

    static ServiceConfiguration of(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String input = INPUTS.get(service);
        String channel = properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("mp.messaging.incoming.") && k.endsWith(".topic"))
                .filter(k -> resolve(properties.getProperty(k), properties).equals("synthsmith." + input))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " has no incoming channel on " + input));
        String channelName = channel.substring("mp.messaging.incoming.".length(), channel.length() - ".topic".length());
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        keys.addAll(documentedKeys(ROOT.resolve(service).resolve("README.md")));
        keys.addAll(sharedKeys());
        return new ServiceConfiguration(service, Integer.parseInt(properties.getProperty("quarkus.http.port")),
                "synthsmith." + input,
                resolve(properties.getProperty("mp.messaging.incoming." + channelName + ".group.id"), properties), keys);
    }

    /** Keys every service has: the root README's table, the LLM client's, Quarkus' own used by deployments. */
    static Set<String> sharedKeys() {
        Set<String> keys = new TreeSet<>(documentedKeys(ROOT.resolve("README.md")));
        keys.addAll(documentedKeys(ROOT.resolve("libs/llm/README.md")));
        // quarkus.http.host and synthsmith.api.token: every deployment binds 0.0.0.0 with a token (the binding contract
        // of issue 20: a service refuses a non-loopback bind without synthsmith.api.token).
        keys.addAll(List.of("quarkus.http.port", "quarkus.http.host", "synthsmith.api.token", "kafka.bootstrap.servers",
                "quarkus.infinispan-client.hosts",
                "quarkus.infinispan-client.use-auth", "quarkus.infinispan-client.username",
                "quarkus.infinispan-client.password", "quarkus.infinispan-client.client-intelligence"));
        return keys;
    }

    /** Whether an environment variable sets one of this service's keys (MicroProfile Config's mapping). */
    boolean knowsEnvironmentVariable(String variable) {
        return keys.stream().anyMatch(key -> matches(key, variable));
    }

    static boolean matches(String key, String variable) {
        if (key.contains("<")) {
            String regex = Stream.of(key.split("<[^>]+>", -1)).map(ServiceConfiguration::envForm).map(Pattern::quote)
                    .reduce((a, b) -> a + "[A-Z0-9_]+" + b).orElse("");
            return variable.matches(regex);
        }
        return envForm(key).equals(variable);
    }

    static String envForm(String key) {
        return key.replace("\"", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The value with its ${key:default} references resolved from the same properties, as deep as they go. */
    private static String resolve(String value, Properties properties) {
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.find()) {
            return value;
        }
        String replacement = properties.getProperty(reference.group(1), reference.group(2) == null ? "" : reference.group(2));
        return resolve(value.substring(0, reference.start()) + replacement + value.substring(reference.end()), properties);
    }

    private static Set<String> documentedKeys(Path markdown) {
        Set<String> keys = new TreeSet<>();
        if (!Files.exists(markdown)) {
            return keys;
        }
        try {
            Matcher matcher = DOCUMENTED_KEY.matcher(Files.readString(markdown));
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
