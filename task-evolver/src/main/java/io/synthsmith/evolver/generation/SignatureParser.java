package io.synthsmith.evolver.generation;

import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.messages.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Python stub of a LeetCode-style task ({@code class Solution:} then {@code def name(self, a: T, ...) -> R:})
 * into a {@link Task.Signature}: class, method, parameters with their types, and the return type, from which the
 * verifier builds a call harness. Every parameter and the return value must carry a type hint, and the method must
 * return a value ({@code -> None} or {@code void} is refused: every label would be {@code null}).
 */
public final class SignatureParser {

    private static final Pattern STUB = Pattern.compile(
            "class\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\([^)]*\\))?\\s*:\\s*"
                    + "def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*(?:->\\s*(.+?))?\\s*:",
            Pattern.DOTALL);
    private static final Pattern NO_VALUE = Pattern.compile("(?i)none|nonetype|void|optional\\[none]|null");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SignatureParser() {
    }

    public static Task.Signature parse(String stub) {
        if (stub == null || stub.isBlank()) {
            throw new ReplyFormatException("\"signature\" is missing: a LeetCode-style task needs the Python stub "
                    + "\"class Solution:\\n    def method(self, name: Type, ...) -> ReturnType:\"");
        }
        Matcher m = STUB.matcher(stub.strip());
        if (!m.find()) {
            throw new ReplyFormatException("\"signature\" is not a Python class with one method; expected "
                    + "\"class Solution:\\n    def method(self, name: Type, ...) -> ReturnType:\", got: " + abbreviate(stub));
        }
        String returnType = m.group(4) == null ? "" : m.group(4).strip();
        if (returnType.isEmpty()) {
            throw new ReplyFormatException("\"signature\" method " + m.group(2) + " has no return type hint (-> Type)");
        }
        if (NO_VALUE.matcher(returnType).matches()) {
            throw new ReplyFormatException("\"signature\" method " + m.group(2) + " returns " + returnType
                    + ": a LeetCode-style task must return its answer (the tests compare returned values); return the "
                    + "result instead of changing an argument in place");
        }
        List<String> parts = splitTopLevel(m.group(3));
        if (parts.isEmpty() || !parts.get(0).strip().equals("self")) {
            throw new ReplyFormatException("\"signature\" method " + m.group(2) + " must take self first");
        }
        List<Task.Signature.Parameter> parameters = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            int colon = part.indexOf(':');
            String name = (colon < 0 ? part : part.substring(0, colon)).strip();
            String type = colon < 0 ? "" : part.substring(colon + 1).replaceAll("=.*$", "").strip();
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new ReplyFormatException("\"signature\" parameter '" + name + "' is not a Python identifier");
            }
            if (type.isEmpty()) {
                throw new ReplyFormatException("\"signature\" parameter " + name + " has no type hint (name: Type)");
            }
            parameters.add(new Task.Signature.Parameter(name, type));
        }
        if (parameters.isEmpty()) {
            throw new ReplyFormatException("\"signature\" method " + m.group(2) + " takes no parameter besides self");
        }
        return new Task.Signature(m.group(1), m.group(2), parameters, returnType);
    }

    /** Splits on commas that are not inside brackets: {@code a: Dict[str, int], b: int} gives two parts. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replace("\n", "\\n");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }
}
