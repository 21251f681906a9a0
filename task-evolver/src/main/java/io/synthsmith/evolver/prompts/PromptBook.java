package io.synthsmith.evolver.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts of the evolver, read from versioned resource files {@code prompts/<version>/<name>.md}. A template
 * names its variables as {@code {{name}}}; rendering fails when a variable is missing or unused, so a prompt and the
 * code that fills it cannot drift apart silently.
 */
public final class PromptBook {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final String version;
    private final Map<String, String> templates = new ConcurrentHashMap<>();

    public PromptBook(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    /** The raw text of {@code prompts/<version>/<name>}, for example {@code forbidden-terms.txt}. */
    public String text(String name) {
        return templates.computeIfAbsent(name, this::load);
    }

    /** The lines of a list file: without blank lines and {@code #} comments. */
    public List<String> lines(String name) {
        return text(name).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The variables a template uses, in order of first use. */
    public Set<String> variables(String name) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text(name + ".md"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Template {@code name} ({@code .md} implied) with every variable replaced by its value. */
    public String render(String name, Map<String, String> values) {
        String template = text(name + ".md");
        Set<String> used = variables(name);
        if (!used.equals(values.keySet())) {
            Set<String> missing = new LinkedHashSet<>(used);
            missing.removeAll(values.keySet());
            Set<String> unused = new LinkedHashSet<>(values.keySet());
            unused.removeAll(used);
            throw new IllegalArgumentException("prompt " + version + "/" + name + ".md: missing values for " + missing
                    + ", values the template does not use: " + unused);
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    private String load(String name) {
        String resource = "prompts/" + version + "/" + name;
        try (InputStream in = PromptBook.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + resource
                        + " (is synthsmith.task-evolver.prompts-version right?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
