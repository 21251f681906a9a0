package io.synthsmith.solver.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The solver's prompt files, versioned as a set under {@code prompts/solver/<version>/} on the class path. A
 * template holds {@code {{name}}} placeholders; rendering replaces each in one pass (so a statement that itself
 * contains braces is left alone) and fails on a placeholder it has no value for.
 */
public final class PromptTemplates {

    /** The prompt set this build ships; a change of wording is a new version, so outputs say which one asked. */
    public static final String VERSION = "solver-prompts/v1";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final String directory;
    private final Map<String, String> loaded = new ConcurrentHashMap<>();

    private PromptTemplates(String directory) {
        this.directory = directory;
    }

    /** The templates of {@link #VERSION}. */
    public static PromptTemplates current() {
        return new PromptTemplates("prompts/solver/" + VERSION.substring(VERSION.indexOf('/') + 1) + "/");
    }

    /** The raw text of template {@code name} (for example {@code candidates.user}). */
    public String raw(String name) {
        return loaded.computeIfAbsent(name, this::load);
    }

    /** Template {@code name} with every placeholder replaced by its value in {@code values}. */
    public String render(String name, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(raw(name));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt template " + directory + name + ".md uses {{"
                        + matcher.group(1) + "}} but no value was given for it");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    private String load(String name) {
        String path = directory + name + ".md";
        try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt template " + path, e);
        }
    }
}
