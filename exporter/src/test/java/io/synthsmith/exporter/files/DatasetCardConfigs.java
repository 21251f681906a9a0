package io.synthsmith.exporter.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dataset card the way Hugging Face {@code datasets} does for what matters here: the front matter's
 * {@code configs} (config name, then {@code data_files} as split and path), and the file globs its Python snippets
 * load ({@code DATASET + "/rl/easy/*.parquet"}).
 */
final class DatasetCardConfigs {

    private static final Pattern SNIPPET_GLOB = Pattern.compile("DATASET \\+ \"/([^\"]+)\"");

    private DatasetCardConfigs() {
    }

    /** Config name to split name to the data_files path, from the YAML front matter. */
    static Map<String, Map<String, String>> parse(String card) {
        if (!card.startsWith("---\n")) {
            throw new AssertionError("the card has no YAML front matter");
        }
        String front = card.substring(4, card.indexOf("\n---\n", 4));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        String config = null;
        String split = null;
        boolean inConfigs = false;
        for (String line : front.lines().toList()) {
            if (!line.startsWith(" ") && !line.startsWith("-")) {
                inConfigs = line.equals("configs:");
                continue;
            }
            if (!inConfigs) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("- config_name:")) {
                config = value(trimmed);
                configs.put(config, new LinkedHashMap<>());
            } else if (trimmed.startsWith("- split:")) {
                split = value(trimmed);
            } else if (trimmed.startsWith("path:")) {
                configs.get(config).put(split, value(trimmed));
            } else if (!trimmed.equals("data_files:")) {
                throw new AssertionError("unexpected line in configs: " + line);
            }
        }
        return configs;
    }

    /** The globs, relative to the run's directory, that the card's loading snippets name. */
    static List<String> snippetGlobs(String card) {
        List<String> globs = new ArrayList<>();
        Matcher matcher = SNIPPET_GLOB.matcher(card);
        while (matcher.find()) {
            globs.add(matcher.group(1));
        }
        return globs;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }
}
