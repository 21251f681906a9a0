package io.synthsmith.evolver.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A node of the feature tree named by its path from a category down: {@code algorithms / graph / breadth-first
 * search}. Segments are normalised names (see {@link FeatureNames}).
 */
public record FeaturePath(List<String> segments) implements Comparable<FeaturePath> {

    public static final String SEPARATOR = " / ";
    private static final Pattern SPACED_SLASH = Pattern.compile("\\s+/\\s*|\\s*/\\s+");

    public FeaturePath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a feature path has at least its category");
        }
    }

    /** The path written as {@code a / b / c}. */
    public static FeaturePath parse(String text) {
        return new FeaturePath(split(text));
    }

    /**
     * The segments of a path as written: when any slash has a space beside it ({@code dynamic programming / 0/1
     * knapsack}), only such slashes separate segments, so names keep their own slashes; otherwise
     * ({@code algorithms/graph/bfs}) every slash does. Blank segments are dropped.
     */
    public static List<String> split(String text) {
        String separator = SPACED_SLASH.matcher(text).find() ? SPACED_SLASH.pattern() : "/";
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static FeaturePath of(String... segments) {
        return new FeaturePath(List.of(segments));
    }

    public String category() {
        return segments.get(0);
    }

    public String name() {
        return segments.get(segments.size() - 1);
    }

    public int depth() {
        return segments.size();
    }

    public boolean isCategory() {
        return segments.size() == 1;
    }

    public FeaturePath parent() {
        if (isCategory()) {
            throw new IllegalStateException("a category has no parent: " + this);
        }
        return new FeaturePath(segments.subList(0, segments.size() - 1));
    }

    public FeaturePath child(String name) {
        List<String> longer = new ArrayList<>(segments);
        longer.add(name);
        return new FeaturePath(longer);
    }

    /** This path and every ancestor, the category first. */
    public List<FeaturePath> withAncestors() {
        List<FeaturePath> all = new ArrayList<>();
        for (int i = 1; i <= segments.size(); i++) {
            all.add(new FeaturePath(segments.subList(0, i)));
        }
        return all;
    }

    @Override
    public int compareTo(FeaturePath other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return String.join(SEPARATOR, segments);
    }
}
