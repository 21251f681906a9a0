package io.synthsmith.evolver.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.reply.ReplyFormatException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the feature tree an LLM wrote as nested JSON under one key ({@code features} or {@code concepts}):
 * categories map to subtrees; a subtree is an object (name to subtree), an array of names or objects, a single
 * name, or empty. Names are normalised and aliased; category names are mapped onto the method's categories;
 * programming-language features are dropped with their subtrees, and so are unknown categories and nodes deeper
 * than the limit. A reply without the key, or whose key holds no object, is malformed.
 */
public final class FeatureTreeReader {

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
            add(parent, subtree.asText(), null, paths, dropped);
        } else if (subtree.isArray()) {
            for (JsonNode item : subtree) {
                if (item.isTextual()) {
                    add(parent, item.asText(), null, paths, dropped);
                } else if (item.isObject()) {
                    walk(parent, item, paths, dropped);
                }
            }
        } else if (subtree.isObject()) {
            for (Map.Entry<String, JsonNode> entry : subtree.properties()) {
                add(parent, entry.getKey(), entry.getValue(), paths, dropped);
            }
        }
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
