package io.synthsmith.evolver.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.reply.ReplyFormatException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the feature tree an LLM wrote as nested JSON under one key ({@code features} or {@code concepts}):
 * categories map to subtrees; a subtree is an object (name to subtree), an array of names or objects, a single
 * name, or empty. Models also describe their features, and descriptions are not nodes:
 * <ul>
 * <li>a string value in an object is a description of its key ({@code "sorting": "orders the events by time"}), not
 * a node, unless it reads as a name: at most four words and no sentence punctuation ({@code "sorting": "merge
 * sort"});</li>
 * <li>an object with a {@code name} (or {@code feature}) string is one node: its children are under
 * {@code children} (or {@code subfeatures}, {@code features}); {@code description} and other fields are not
 * nodes;</li>
 * <li>keys such as {@code description}, {@code explanation}, {@code note}, {@code example} or {@code usage} are not
 * nodes, and {@code children} / {@code subfeatures} hold the children of the node they are in.</li>
 * </ul>
 * Names are normalised and aliased; category names are mapped onto the method's categories;
 * programming-language features are dropped with their subtrees, and so are unknown categories and nodes deeper
 * than the limit. A reply without the key, or whose key holds no object, is malformed.
 */
public final class FeatureTreeReader {

    private static final int MAX_NAME_WORDS = 4;
    private static final List<String> NAME_KEYS = List.of("name", "feature", "concept", "title");
    private static final List<String> CHILDREN_KEYS = List.of("children", "subfeatures", "sub_features",
            "sub-features", "subconcepts", "features", "concepts", "items");
    private static final Set<String> DESCRIPTION_KEYS = Set.of("description", "desc", "explanation", "note", "notes",
            "example", "examples", "usage", "use", "role", "why", "details", "summary", "definition", "purpose");

    private final FeatureNames names;
    private final int maxDepth;

    public FeatureTreeReader(FeatureNames names, int maxDepth) {
        this.names = names;
        this.maxDepth = maxDepth;
    }

    /** The features under {@code key} of {@code reply}, or a {@link ReplyFormatException} saying what is wrong. */
    public ExtractedFeatures read(JsonNode reply, String key) {
        JsonNode root = reply.get(key);
        if (root == null || !root.isObject()) {
            throw new ReplyFormatException("expected an object under \"" + key + "\" mapping categories to features, got "
                    + (root == null ? "no \"" + key + "\" field" : root.getNodeType().name().toLowerCase()));
        }
        Set<FeaturePath> paths = new LinkedHashSet<>();
        Map<String, Integer> dropped = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            var category = names.category(entry.getKey());
            if (category.isEmpty()) {
                dropped.merge(names.isLanguageFeature(FeatureNames.normalForm(entry.getKey())) ? "language_feature"
                        : "unknown_category", 1 + count(entry.getValue()), Integer::sum);
                continue;
            }
            walk(FeaturePath.of(category.get()), entry.getValue(), paths, dropped);
        }
        Set<FeaturePath> parents = new HashSet<>();
        paths.stream().filter(p -> p.depth() > 2).forEach(p -> parents.add(p.parent()));
        List<FeaturePath> leaves = paths.stream().filter(p -> !parents.contains(p)).toList();
        return new ExtractedFeatures(paths, leaves, dropped);
    }

    private void walk(FeaturePath parent, JsonNode subtree, Set<FeaturePath> paths,
            Map<String, Integer> dropped) {
        if (subtree == null || subtree.isNull() || subtree.isEmpty() && !subtree.isTextual()) {
            return;
        }
        if (subtree.isTextual()) {
            if (looksLikeName(subtree.asText())) {
                add(parent, subtree.asText(), null, paths, dropped);
            }
        } else if (subtree.isArray()) {
            for (JsonNode item : subtree) {
                if (item.isTextual()) {
                    add(parent, item.asText(), null, paths, dropped);
                } else if (item.isObject()) {
                    walk(parent, item, paths, dropped);
                }
            }
        } else if (subtree.isObject()) {
            Optional<String> name = nodeName(subtree);
            if (name.isPresent()) {
                add(parent, name.get(), children(subtree), paths, dropped);
                return;
            }
            for (Map.Entry<String, JsonNode> entry : subtree.properties()) {
                String key = entry.getKey().strip().toLowerCase(Locale.ROOT);
                if (CHILDREN_KEYS.contains(key)) {
                    walk(parent, entry.getValue(), paths, dropped);
                } else if (!DESCRIPTION_KEYS.contains(key)) {
                    add(parent, entry.getKey(), entry.getValue(), paths, dropped);
                }
            }
        }
    }

    /**
     * The name of a node written as an object ({@code {"name": "merge sort", "description": "..."}}), or of a node
     * written as a plain string.
     */
    public static Optional<String> nodeName(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
        }
        for (String key : NAME_KEYS) {
            JsonNode name = node.get(key);
            if (name != null && name.isTextual() && !name.asText().isBlank()) {
                return Optional.of(name.asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode children(JsonNode node) {
        for (String key : CHILDREN_KEYS) {
            if (node.has(key)) {
                return node.get(key);
            }
        }
        return null;
    }

    /** Short (at most four words) and without the punctuation of a sentence: a name, not a description. */
    private static boolean looksLikeName(String text) {
        String t = text.strip();
        return !t.isEmpty() && t.split("\\s+").length <= MAX_NAME_WORDS && !t.matches("(?s).*[.,;:!?].*");
    }

    private void add(FeaturePath parent, String rawName, JsonNode children, Set<FeaturePath> paths,
            Map<String, Integer> dropped) {
        String name = names.canonical(rawName);
        if (name.isEmpty()) {
            return;
        }
        if (names.isLanguageFeature(name)) {
            dropped.merge("language_feature", 1 + count(children), Integer::sum);
            return;
        }
        FeaturePath path = parent.child(name);
        if (path.depth() > maxDepth) {
            dropped.merge("too_deep", 1 + count(children), Integer::sum);
            return;
        }
        paths.add(path);
        walk(path, children, paths, dropped);
    }

    private static int count(JsonNode subtree) {
        if (subtree == null || subtree.isNull()) {
            return 0;
        }
        if (subtree.isTextual()) {
            return 1;
        }
        int n = 0;
        if (subtree.isArray()) {
            for (JsonNode item : subtree) {
                n += item.isTextual() ? 1 : count(item);
            }
        } else if (subtree.isObject()) {
            for (JsonNode child : subtree) {
                n += 1 + count(child);
            }
        }
        return n;
    }
}
