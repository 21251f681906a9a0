package io.synthsmith.evolver.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.evolver.features.FeaturePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a tree's change log: everything one seed merged (its extracted and evolved features, each with the
 * count it adds, and the groups of concepts that occurred together), stored as JSON
 * {@code {"seed": id, "paths": {path: count}, "links": [[path, ...]]}}.
 */
record TreeChange(String seed, Map<String, Integer> paths, List<List<String>> links) {

    private static final ObjectMapper JSON = new ObjectMapper();

    TreeChange {
        paths = Map.copyOf(paths);
        links = links.stream().map(List::copyOf).toList();
    }

    Map<FeaturePath, Integer> counts() {
        Map<FeaturePath, Integer> counts = new LinkedHashMap<>();
        paths.forEach((path, count) -> counts.merge(FeaturePath.parse(path), count, Integer::sum));
        return counts;
    }

    List<List<FeaturePath>> groups() {
        return links.stream().map(group -> group.stream().map(FeaturePath::parse).toList()).toList();
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static TreeChange parse(String json) {
        try {
            return JSON.readValue(json, TreeChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("change log entry is not the JSON this service writes: " + json, e);
        }
    }
}
