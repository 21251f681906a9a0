package io.synthsmith.evolver.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.llm.reply.ReplyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stage 1 of two-stage generation, as the LLM answered it: each candidate's potential use, the selected compatible
 * subset, and the integration strategy that the statement writer follows.
 */
public record FeatureSelection(Map<FeaturePath, String> uses, List<FeaturePath> selected, String integrationStrategy) {

    public FeatureSelection {
        uses = Map.copyOf(uses);
        selected = List.copyOf(selected);
    }

    /**
     * Reads a selection reply against the candidates offered. Selected paths must be candidates (matched after
     * normalisation), at least {@code minSelected} of them, and the strategy must not be blank.
     */
    public static FeatureSelection parse(String answer, List<FeaturePath> candidates, int minSelected,
            FeatureNames names) {
        JsonNode reply = ReplyJson.extractObject(answer, "selected").orThrow();
        Map<FeaturePath, String> uses = new LinkedHashMap<>();
        for (JsonNode annotation : reply.path("annotations")) {
            FeaturePath path = match(annotation.path("feature").asText(""), candidates, names);
            if (path != null && annotation.path("use").isTextual()) {
                uses.put(path, annotation.path("use").asText());
            }
        }
        JsonNode selectedNode = reply.get("selected");
        if (selectedNode == null || !selectedNode.isArray()) {
            throw new ReplyFormatException("expected an array of feature paths under \"selected\"");
        }
        List<FeaturePath> selected = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode item : selectedNode) {
            FeaturePath path = match(item.asText(""), candidates, names);
            if (path == null) {
                unknown.add(item.asText(""));
            } else if (!selected.contains(path)) {
                selected.add(path);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ReplyFormatException("\"selected\" names features that are not candidates: " + unknown
                    + "; copy paths exactly from: " + candidates.stream().map(FeaturePath::toString)
                            .collect(Collectors.joining(", ")));
        }
        if (selected.size() < minSelected) {
            throw new ReplyFormatException("\"selected\" holds " + selected.size() + " features, at least "
                    + minSelected + " are required");
        }
        String strategy = reply.path("integrationStrategy").asText("").strip();
        if (strategy.isEmpty()) {
            throw new ReplyFormatException("\"integrationStrategy\" is missing or blank");
        }
        return new FeatureSelection(uses, selected, strategy);
    }

    private static FeaturePath match(String raw, List<FeaturePath> candidates, FeatureNames names) {
        List<String> wanted = new ArrayList<>();
        for (String segment : FeaturePath.split(raw)) {
            if (!segment.isBlank()) {
                wanted.add(wanted.isEmpty() ? names.category(segment).orElse(FeatureNames.normalForm(segment))
                        : names.canonical(segment));
            }
        }
        for (FeaturePath candidate : candidates) {
            if (candidate.segments().equals(wanted)) {
                return candidate;
            }
        }
        if (wanted.size() == 1) {
            List<FeaturePath> byName = candidates.stream().filter(c -> c.name().equals(wanted.get(0))).toList();
            if (byName.size() == 1) {
                return byName.get(0);
            }
        }
        return null;
    }
}
