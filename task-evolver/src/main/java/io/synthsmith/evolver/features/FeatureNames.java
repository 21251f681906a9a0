package io.synthsmith.evolver.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the names an LLM writes into the names of tree nodes, so that the same feature from two seeds is one node:
 * lower case, one space between words, punctuation dropped (but {@code +}, {@code #} and a slash inside a word such as
 * {@code 0/1} kept), possessives dropped,
 * then obvious aliases mapped to one canonical name ({@code BFS} and {@code breadth first search} become
 * {@code breadth-first search}). Also knows which names are programming-language features, which the method drops.
 *
 * <p>The lists live in {@code features/aliases.txt}, {@code features/category-aliases.txt} and
 * {@code features/language-features.txt} with {@code features/language-names.txt}.
 */
public final class FeatureNames {

    private final Map<String, String> aliases;
    private final Map<String, String> categoryAliases;
    private final Set<String> languageFeatures;
    private final Set<String> languageNames;

    public FeatureNames(Map<String, String> aliases, Map<String, String> categoryAliases, Set<String> languageFeatures,
            Set<String> languageNames) {
        this.aliases = Map.copyOf(aliases);
        this.categoryAliases = Map.copyOf(categoryAliases);
        this.languageFeatures = Set.copyOf(languageFeatures);
        this.languageNames = Set.copyOf(languageNames);
    }

    /** The lists shipped in the service's resources. */
    public static FeatureNames standard() {
        return new FeatureNames(readAliases("features/aliases.txt"), readAliases("features/category-aliases.txt"),
                readSet("features/language-features.txt"), readSet("features/language-names.txt"));
    }

    /**
     * The normal form of a name, before aliases: lower case, single spaces, no punctuation but - + # and a slash
     * between two letters or digits ({@code 0/1 knapsack}, {@code i/o}); a slash with a space beside it separates
     * path segments and is not part of a name.
     */
    public static String normalForm(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        text = text.replaceAll("['\u2019]s\\b", "");
        text = text.replace('_', ' ').replace('\u2013', '-').replace('\u2014', '-');
        text = text.replaceAll("[^\\p{L}\\p{N}+#\\-\\s/]", " ");
        text = text.replaceAll("(?<![\\p{L}\\p{N}])/|/(?![\\p{L}\\p{N}])", " ");
        text = text.replaceAll("\\s*-\\s*", "-").replaceAll("-{2,}", "-");
        text = text.replaceAll("\\s+", " ").strip();
        return text.replaceAll("^-+|-+$", "");
    }

    /** The canonical name of a feature: its normal form, mapped through the aliases. */
    public String canonical(String raw) {
        String normal = normalForm(raw);
        return aliases.getOrDefault(normal, aliases.getOrDefault(normal.replace('-', ' '), normal));
    }

    /** The category a name denotes, when it denotes one of the method's categories. */
    public Optional<String> category(String raw) {
        String normal = normalForm(raw);
        for (FeatureCategory category : FeatureCategory.values()) {
            if (category.label().equals(normal) || category.label().replace('-', ' ').equals(normal.replace('-', ' '))) {
                return Optional.of(category.label());
            }
        }
        return Optional.ofNullable(categoryAliases.get(normal));
    }

    /** Whether a canonical name is a programming-language feature (dropped: tasks must not depend on a language). */
    public boolean isLanguageFeature(String canonical) {
        if (languageFeatures.contains(canonical)) {
            return true;
        }
        for (String word : canonical.split(" ")) {
            if (languageNames.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> readAliases(String resource) {
        Map<String, String> map = new HashMap<>();
        for (String line : lines(resource)) {
            int arrow = line.indexOf("<-");
            if (arrow < 0) {
                throw new IllegalStateException(resource + ": expected 'canonical <- alias | alias', got: " + line);
            }
            String canonical = normalForm(line.substring(0, arrow));
            for (String alias : line.substring(arrow + 2).split("\\|")) {
                map.put(normalForm(alias), canonical);
            }
        }
        return map;
    }

    private static Set<String> readSet(String resource) {
        Set<String> set = new HashSet<>();
        for (String line : lines(resource)) {
            set.add(normalForm(line));
        }
        return set;
    }

    private static java.util.List<String> lines(String resource) {
        InputStream in = FeatureNames.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
