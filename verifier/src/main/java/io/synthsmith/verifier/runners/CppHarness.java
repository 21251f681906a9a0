package io.synthsmith.verifier.runners;

import io.synthsmith.messages.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a LeetCode-style C++17 solution ({@code class Solution { ... };}) into a program: the usual includes and
 * {@code using namespace std;} before it, and after it a {@code main()} that reads the example-format input on stdin
 * ({@code nums = [1,2], k = 3}, like the Python harness), converts each argument to the type the method declares
 * (deduced from {@code &Solution::method}, so {@code vector<int>&} and {@code long long} work as written), calls the
 * method and prints the return value in the same literal form as the Python harness ({@code [1,2]}, strings
 * double-quoted, {@code true}/{@code false}, doubles with 5 decimals, {@code null} for void).
 *
 * <p>The signature's types, written Python-style ({@code List[int]}, {@code str}) or C++-style
 * ({@code vector<int>&}, {@code string}), are mapped by {@link #cppType(String)}; a signature with a type the
 * harness cannot build (for example {@code ListNode} or {@code TreeNode}) is not supported.
 */
public final class CppHarness {

    private static final String PRELUDE = "#include <bits/stdc++.h>\nusing namespace std;\n";
    private static final String CALL = load();
    private static final Pattern GENERIC = Pattern.compile("(?i)(list|vector|sequence)\\s*[\\[<](.*)[\\]>]");
    private static final Pattern LINKED = Pattern.compile("\\b(ListNode|TreeNode|Node)\\b");

    private CppHarness() {
    }

    /**
     * The C++ type for a signature's type string ({@code List[List[int]]} or {@code vector<vector<int>>&} give
     * {@code vector<vector<int>>}), or empty when the harness cannot build it.
     */
    public static Optional<String> cppType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String t = type.strip()
                .replaceAll("\\bconst\\b", "")
                .replaceAll("\\b(std|typing)\\s*(::|\\.)\\s*", "")
                .replaceAll("[&\\s]+$", "")
                .strip();
        Matcher generic = GENERIC.matcher(t);
        if (generic.matches()) {
            return cppType(generic.group(2)).map(inner -> "vector<" + inner + ">");
        }
        String scalar = t.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (scalar) {
            case "int", "integer", "int32_t" -> "int";
            case "long", "long long", "long int", "long long int", "int64_t" -> "long long";
            case "float", "double" -> "double";
            case "bool", "boolean" -> "bool";
            case "str", "string" -> "string";
            case "char", "character" -> "char";
            default -> null;
        });
    }

    /** Why the C++ harness cannot call this signature (naming the type), or empty when it can. */
    public static Optional<String> unsupported(Task.Signature signature) {
        for (Task.Signature.Parameter parameter : signature.parameters()) {
            if (cppType(parameter.type()).isEmpty()) {
                return Optional.of("the C++ call harness cannot build type '" + parameter.type() + "' of parameter "
                        + parameter.name());
            }
        }
        String returns = signature.returnType();
        if (returns != null && !returns.isBlank() && cppType(returns).isEmpty()
                && !returns.strip().matches("(?i)void|none")) {
            return Optional.of("the C++ call harness cannot print return type '" + returns + "'");
        }
        return Optional.empty();
    }

    /**
     * Why no call harness (Python or C++) can run this signature at all: it passes or returns a linked structure
     * ({@code ListNode}, {@code TreeNode}, {@code Node}) that neither builds from the example format.
     */
    public static Optional<String> linkedStructure(Task.Signature signature) {
        for (Task.Signature.Parameter parameter : signature.parameters()) {
            if (parameter.type() != null && LINKED.matcher(parameter.type()).find()) {
                return Optional.of("the call harness cannot build type '" + parameter.type() + "' of parameter "
                        + parameter.name());
            }
        }
        if (signature.returnType() != null && LINKED.matcher(signature.returnType()).find()) {
            return Optional.of("the call harness cannot print return type '" + signature.returnType() + "'");
        }
        return Optional.empty();
    }

    /**
     * The candidate's code with the includes before it and the call harness's {@code main()} after it. A
     * {@code main} the candidate wrote (to test its class on stdin) is renamed by the preprocessor while its code is
     * compiled, so it neither clashes with the harness's {@code main} nor runs.
     */
    public static String wrapCpp(String code, Task.Signature signature) {
        String names = signature.parameters().stream()
                .map(p -> cString(p.name()))
                .collect(Collectors.joining(", "));
        String className = signature.className() == null || signature.className().isBlank()
                ? "Solution" : signature.className();
        return PRELUDE + "#define main ss_candidate_main\n" + code + "\n#undef main\n"
                + CALL.replace("SS_PARAMETERS", names)
                .replace("SS_CLASS", className)
                .replace("SS_METHOD", signature.methodName());
    }

    private static String cString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7F) {
                out.append(String.format("\\%03o", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    private static String load() {
        try (InputStream in = CppHarness.class.getResourceAsStream("/harness/leetcode_call.cpp")) {
            if (in == null) {
                throw new IllegalStateException("harness/leetcode_call.cpp is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
