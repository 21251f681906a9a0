package io.synthsmith.dedup.contamination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads benchmark problem sets from JSONL files: one JSON object per line with an id and the problem text. The
 * benchmark is named after its file ({@code lcb-v6.jsonl} is {@code lcb-v6}). A file that is missing, or a line
 * without an id or text, stops the start with a message that names the file and line: a service that silently
 * skipped part of a benchmark would let its problems through.
 */
public final class BenchmarkFiles {

    private final ObjectMapper mapper = new ObjectMapper();
    private final String idField;
    private final List<String> textFields;

    /**
     * @param idField    the field holding a problem's id
     * @param textFields the fields that may hold its text, in order of preference (the first one present is used)
     */
    public BenchmarkFiles(String idField, List<String> textFields) {
        this.idField = idField;
        this.textFields = List.copyOf(textFields);
    }

    public List<BenchmarkProblem> read(List<Path> files) {
        List<BenchmarkProblem> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(read(file));
        }
        return problems;
    }

    public List<BenchmarkProblem> read(Path file) {
        String benchmark = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        List<BenchmarkProblem> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    problems.add(problem(benchmark, file, number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark file " + file.toAbsolutePath()
                    + " (synthsmith.dedup.decontamination.files): " + e.getMessage(), e);
        }
        return problems;
    }

    private BenchmarkProblem problem(String benchmark, Path file, int number, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " line " + number + " is not JSON: " + e.getMessage());
        }
        JsonNode id = node.get(idField);
        if (id == null || id.isNull() || id.asText().isBlank()) {
            throw new IllegalArgumentException(file + " line " + number + " has no '" + idField
                    + "' (set synthsmith.dedup.decontamination.id-field to the field holding problem ids)");
        }
        for (String field : textFields) {
            JsonNode text = node.get(field);
            if (text != null && text.isTextual() && !text.asText().isBlank()) {
                return new BenchmarkProblem(benchmark, id.asText(), text.asText());
            }
        }
        throw new IllegalArgumentException(file + " line " + number + " (id " + id.asText() + ") has none of the"
                + " text fields " + textFields + " (set synthsmith.dedup.decontamination.text-fields)");
    }
}
