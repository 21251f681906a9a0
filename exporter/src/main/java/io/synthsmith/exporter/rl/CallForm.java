package io.synthsmith.exporter.rl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A LeetCode-style test turned into verl's call-based form: the example-format input ({@code nums = [1,2], k = 3},
 * as the statement and the verifier's call harness write it) becomes one JSON value per line, one line per
 * parameter in the signature's order; the labelled output ({@code [1,2]}, {@code "ab"}, {@code true}, {@code null})
 * becomes its JSON value. Values may be written as JSON or as Python literals ({@code True}, {@code None},
 * single-quoted strings, tuples). Named values go to their parameter, unnamed ones fill the others in order, as the
 * call harness assigns them.
 */
final class CallForm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    CallForm(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The input as one JSON value per line for {@code parameters}, or empty when a value does not parse. */
    Optional<String> input(String exampleInput, List<String> parameters) {
        Map<String, JsonNode> named = new HashMap<>();
        List<JsonNode> positional = new ArrayList<>();
        for (String piece : pieces(exampleInput)) {
            int eq = piece.indexOf('=');
            String name = eq > 0 ? piece.substring(0, eq).strip() : "";
            if (eq > 0 && isIdentifier(name) && !piece.startsWith("=", eq + 1)) {
                Optional<JsonNode> value = value(piece.substring(eq + 1));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                named.put(name, value.get());
            } else {
                Optional<JsonNode> value = value(piece);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                positional.add(value.get());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String parameter : parameters) {
            JsonNode value = named.containsKey(parameter) ? named.get(parameter)
                    : positional.isEmpty() ? null : positional.removeFirst();
            if (value == null) {
                return Optional.empty();
            }
            lines.add(write(value));
        }
        return Optional.of(String.join("\n", lines));
    }

    /** The labelled output as JSON, or empty when it does not parse as a literal. */
    Optional<String> output(String literal) {
        return value(literal).map(this::write);
    }

    private String write(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed literal as JSON", e);
        }
    }

    /** The value a literal denotes, or empty when the whole text is not one literal. */
    static Optional<JsonNode> value(String text) {
        Parser parser = new Parser(text.strip());
        try {
            JsonNode value = parser.value();
            return parser.atEnd() ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Splits the input at commas and line breaks outside brackets and quotes. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            } else if ((c == ',' || c == '\n') && depth == 0) {
                pieces.add(text.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.charAt(0) == '$') {
            return false;
        }
        return name.chars().allMatch(c -> Character.isJavaIdentifierPart(c) && c != '$');
    }

    /** A recursive-descent reader of JSON and Python literals. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipSpace();
            return at == text.length();
        }

        JsonNode value() {
            skipSpace();
            char c = text.charAt(at);
            if (c == '[' || c == '(') {
                return sequence(c == '[' ? ']' : ')');
            }
            if (c == '{') {
                return object();
            }
            if (c == '"' || c == '\'') {
                return NODES.textNode(string());
            }
            for (String[] word : new String[][] {{"true", "t"}, {"True", "t"}, {"false", "f"}, {"False", "f"},
                    {"null", "n"}, {"None", "n"}}) {
                if (text.startsWith(word[0], at) && !identifierAt(at + word[0].length())) {
                    at += word[0].length();
                    return switch (word[1]) {
                        case "t" -> NODES.booleanNode(true);
                        case "f" -> NODES.booleanNode(false);
                        default -> NODES.nullNode();
                    };
                }
            }
            return number();
        }

        private ArrayNode sequence(char close) {
            at++;
            ArrayNode array = NODES.arrayNode();
            skipSpace();
            while (text.charAt(at) != close) {
                array.add(value());
                skipSpace();
                if (text.charAt(at) == ',') {
                    at++;
                    skipSpace();
                } else if (text.charAt(at) != close) {
                    throw new IllegalArgumentException("expected , or " + close + " at " + at);
                }
            }
            at++;
            return array;
        }

        private ObjectNode object() {
            at++;
            ObjectNode object = NODES.objectNode();
            skipSpace();
            while (text.charAt(at) != '}') {
                JsonNode key = value();
                skipSpace();
                if (text.charAt(at++) != ':') {
                    throw new IllegalArgumentException("expected : at " + at);
                }
                object.set(key.isTextual() ? key.textValue() : key.toString(), value());
                skipSpace();
                if (text.charAt(at) == ',') {
                    at++;
                    skipSpace();
                }
            }
            at++;
            return object;
        }

        private String string() {
            char quote = text.charAt(at++);
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != quote) {
                char c = text.charAt(at++);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
            at++;
            return out.toString();
        }

        private JsonNode number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            if (number.isEmpty()) {
                throw new IllegalArgumentException("not a literal at " + start);
            }
            if (number.matches("[+-]?\\d+")) {
                return NODES.numberNode(new BigInteger(number));
            }
            return NODES.numberNode(new BigDecimal(number).doubleValue());
        }

        private boolean identifierAt(int index) {
            return index < text.length() && Character.isJavaIdentifierPart(text.charAt(index));
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
