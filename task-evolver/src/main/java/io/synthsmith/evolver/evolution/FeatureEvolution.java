package io.synthsmith.evolver.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.features.FeatureTreeReader;
import io.synthsmith.evolver.llm.Exchange;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.llm.reply.ReplyJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Stage 3 of the method: one evolution round asks the LLM to grow a sampled subtree in breadth (at least
 * {@code minSiblings} new siblings per node) and in depth (finer sub-features where they exist), then keeps only
 * what is new, within the depth limit, and not a programming-language feature. An entry with fewer siblings than
 * asked is left out ({@code short_sibling_list}) while the other entries are used; the reply is refused only when no
 * entry is usable. Siblings and children may be names or objects with a name and a description.
 */
public final class FeatureEvolution {

    private static final int KNOWN_NAMES_SHOWN = 60;

    private final LlmConversation llm;
    private final PromptBook prompts;
    private final FeatureNames names;
    private final int minSiblings;
    private final int maxDepth;
    private final int maxAttempts;

    public FeatureEvolution(LlmConversation llm, PromptBook prompts, FeatureNames names, int minSiblings, int maxDepth,
            int maxAttempts) {
        this.llm = llm;
        this.prompts = prompts;
        this.names = names;
        this.minSiblings = minSiblings;
        this.maxDepth = maxDepth;
        this.maxAttempts = maxAttempts;
    }

    /**
     * One round over {@code subtree}.
     *
     * @param known   whether a path is already in the tree (the global one or this seed's)
     * @param nearby  names already present near the subtree, shown to the LLM as not to be proposed
     */
    public Exchange<EvolvedFeatures> evolve(String runId, List<FeaturePath> subtree, Predicate<FeaturePath> known,
            Set<String> nearby) {
        String shown = nearby.stream().sorted().limit(KNOWN_NAMES_SHOWN).collect(Collectors.joining(", "));
        return llm.ask("evolution",
                prompts.render("evolve.system", Map.of("minSiblings", Integer.toString(minSiblings))),
                prompts.render("evolve.user", Map.of("runId", runId,
                        "subtree", subtree.stream().map(FeaturePath::toString).collect(Collectors.joining("\n")),
                        "known", shown.isEmpty() ? "(none)" : shown)),
                answer -> parse(answer, subtree, known), maxAttempts);
    }

    /** Reads an evolution reply for {@code subtree}; throws {@link ReplyFormatException} when it cannot be used. */
    public EvolvedFeatures parse(String answer, List<FeaturePath> subtree, Predicate<FeaturePath> known) {
        JsonNode evolved = ReplyJson.extractObject(answer, "evolved").orThrow().get("evolved");
        if (evolved == null || !evolved.isArray()) {
            throw new ReplyFormatException("expected an array under \"evolved\" with one entry per node");
        }
        Set<FeaturePath> added = new LinkedHashSet<>();
        Map<String, Integer> rejected = new TreeMap<>();
        int usable = 0;
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : evolved) {
            String rawPath = entry.path("path").asText("");
            FeaturePath path = canonicalPath(rawPath);
            if (path == null || !subtree.contains(path) && !known.test(path)) {
                rejected.merge("unknown_path", 1, Integer::sum);
                continue;
            }
            List<String> siblings = strings(entry.get("siblings"));
            if (siblings.size() < minSiblings) {
                problems.add("\"" + rawPath + "\" has " + siblings.size() + " siblings, at least " + minSiblings
                        + " are required");
                rejected.merge("short_sibling_list", 1, Integer::sum);
                continue;
            }
            usable++;
            for (String sibling : siblings) {
                keep(path.parent(), sibling, known, added, rejected);
            }
            for (String child : strings(entry.get("children"))) {
                keep(path, child, known, added, rejected);
            }
        }
        if (usable == 0 && !problems.isEmpty()) {
            throw new ReplyFormatException(String.join("; ", problems));
        }
        if (usable == 0) {
            throw new ReplyFormatException("no entry names a node of the subtree; copy the paths exactly as given: "
                    + subtree.stream().map(FeaturePath::toString).collect(Collectors.joining(", ")));
        }
        return new EvolvedFeatures(List.copyOf(added), rejected);
    }

    private void keep(FeaturePath parent, String rawName, Predicate<FeaturePath> known, Set<FeaturePath> added,
            Map<String, Integer> rejected) {
        String name = names.canonical(rawName);
        if (name.isEmpty()) {
            return;
        }
        FeaturePath path = parent.child(name);
        String reason = names.isLanguageFeature(name) ? "language_feature"
                : path.depth() > maxDepth ? "too_deep"
                : known.test(path) || added.contains(path) ? "already_present" : null;
        if (reason != null) {
            rejected.merge(reason, 1, Integer::sum);
        } else {
            added.add(path);
        }
    }

    private FeaturePath canonicalPath(String raw) {
        List<String> segments = new ArrayList<>();
        for (String segment : FeaturePath.split(raw)) {
            if (!segment.isBlank()) {
                segments.add(segments.isEmpty() ? names.category(segment).orElse(null) : names.canonical(segment));
            }
        }
        if (segments.size() < 2 || segments.contains(null)) {
            return null;
        }
        return new FeaturePath(segments);
    }

    /** The names of a list: strings, or objects with a name ({@code {"name": ..., "description": ...}}). */
    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                FeatureTreeReader.nodeName(item).ifPresent(out::add);
            }
        }
        return out;
    }
}
