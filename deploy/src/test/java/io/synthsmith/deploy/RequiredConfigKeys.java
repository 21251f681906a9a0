package io.synthsmith.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service cannot start without: every method of its {@code @ConfigMapping} interfaces (its
 * own and libs/messaging's, which every service uses) that has no {@code @WithDefault}, no default in a library's
 * microprofile-config.properties, and is neither {@code Optional}, a {@code Map} nor a nested group. Read from the Java sources, so that a new required key breaks
 * the deployment checks until the deployments set it.
 */
final class RequiredConfigKeys {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("^\\s*(?:public\\s+)?interface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w.<>, ?]+?)\\s+(\\w+)\\(\\);");
    private static final Pattern NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    private RequiredConfigKeys() {
    }

    private record Member(String type, String name, boolean defaulted) {
    }

    /** The required keys of a service (module directory name). */
    static Set<String> of(String service) {
        Set<String> keys = new TreeSet<>();
        for (Path source : mappingSources(ServiceConfiguration.ROOT.resolve(service).resolve("src/main/java"))) {
            keys.addAll(requiredKeys(source));
        }
        for (Path source : mappingSources(ServiceConfiguration.ROOT.resolve("libs/messaging/src/main/java"))) {
            keys.addAll(requiredKeys(source));
        }
        keys.removeAll(libraryDefaults());
        return keys;
    }

    /** Keys the libraries set in their META-INF/microprofile-config.properties (defaults every service gets). */
    private static Set<String> libraryDefaults() {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> libs = Files.list(ServiceConfiguration.ROOT.resolve("libs"))) {
            for (Path lib : libs.toList()) {
                Path file = lib.resolve("src/main/resources/META-INF/microprofile-config.properties");
                if (Files.exists(file)) {
                    Properties properties = new Properties();
                    try (var reader = Files.newBufferedReader(file)) {
                        properties.load(reader);
                    }
                    keys.addAll(properties.stringPropertyNames());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static List<Path> mappingSources(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("@ConfigMapping("))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> requiredKeys(Path source) {
        String text = read(source);
        Matcher mapping = MAPPING.matcher(text);
        if (!mapping.find()) {
            return Set.of();
        }
        Map<String, List<Member>> interfaces = new HashMap<>();
        String root = null;
        String current = null;
        boolean defaulted = false;
        String name = null;
        for (String line : text.lines().toList()) {
            Matcher declaration = INTERFACE.matcher(line);
            if (declaration.find()) {
                current = declaration.group(1);
                root = root == null ? current : root;
                interfaces.put(current, new ArrayList<>());
                continue;
            }
            if (line.contains("@WithDefault")) {
                defaulted = true;
            }
            Matcher withName = NAME.matcher(line);
            if (withName.find()) {
                name = withName.group(1);
            }
            Matcher method = METHOD.matcher(line);
            if (method.find() && current != null) {
                interfaces.get(current).add(new Member(method.group(1).strip(),
                        name != null ? name : kebab(method.group(2)), defaulted));
                defaulted = false;
                name = null;
            }
        }
        Set<String> keys = new TreeSet<>();
        collect(interfaces, root, mapping.group(1), keys, 0);
        return keys;
    }

    private static void collect(Map<String, List<Member>> interfaces, String type, String prefix, Set<String> keys,
            int depth) {
        for (Member member : interfaces.getOrDefault(type, List.of())) {
            String key = prefix + "." + member.name();
            if (interfaces.containsKey(member.type()) && depth < 8) {
                collect(interfaces, member.type(), key, keys, depth + 1);
            } else if (!member.defaulted() && !member.type().startsWith("Optional") && !member.type().startsWith("Map")) {
                keys.add(key);
            }
        }
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
