package io.synthsmith.llm.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the JSON value in an LLM's answer: the <em>last</em> well-formed top-level value of the expected shape, with
 * or without a fence, with prose before and after it; a draft shown before the final answer loses to the answer.
 * Values nested in another value are not candidates of their own. When the caller names the fields it needs,
 * the last object that has them all wins over a later one that lacks them (a small example after the answer).
 * Each candidate is read by {@link LenientJson}: comments, trailing commas and raw newlines are tolerated, and
 * LaTeX backslashes inside strings are kept exactly (the rule is documented there). When nothing reads, the
 * {@link JsonExtraction.Malformed} result says where the most complete attempt broke.
 */
public final class ReplyJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters read over all attempts, per character of the reply: bounds the work on brace-heavy replies. */
    private static final long WORK_PER_CHAR = 64;
    private static final int NEAR_CHARS = 30;

    private ReplyJson() {
    }

    /** The last JSON object in {@code reply}; among them, the last that has every one of {@code fields}. */
    public static JsonExtraction extractObject(String reply, String... fields) {
        return extract(reply, Shape.OBJECT, fields);
    }

    /** The last top-level JSON array in {@code reply}. */
    public static JsonExtraction extractArray(String reply) {
        return extract(reply, Shape.ARRAY);
    }

    /** The last top-level JSON object or array in {@code reply}. */
    public static JsonExtraction extract(String reply) {
        return extract(reply, Shape.ANY);
    }

    private static JsonExtraction extract(String reply, Shape shape, String... fields) {
        List<Value> found = new ArrayList<>();
        JsonExtraction.Malformed furthest = null;
        int furthestReach = -1;
        long budget = WORK_PER_CHAR * reply.length() + 100_000;
        for (int i = 0; i < reply.length() && budget > 0; i++) {
            char c = reply.charAt(i);
            if (c != '{' && c != '[') {
                continue;
            }
            try {
                LenientJson.Rewrite rewrite = LenientJson.rewrite(reply, i, reply.length());
                JsonNode value = JSON.readTree(rewrite.json());
                found.add(new Value(value, i));
                budget -= rewrite.endOffset() - i;
                i = rewrite.endOffset() - 1;
            } catch (LenientJson.Failure failure) {
                budget -= Math.max(1, failure.offset - i);
                if (failure.offset - i > furthestReach) {
                    furthestReach = failure.offset - i;
                    furthest = malformed(reply, failure.offset, failure.getMessage());
                }
            } catch (JsonProcessingException e) {
                if (furthestReach < 0) {
                    furthest = malformed(reply, i, e.getOriginalMessage());
                }
            }
        }
        Value wrongShape = null;
        Value fallback = null;
        for (int k = found.size() - 1; k >= 0; k--) {
            Value candidate = found.get(k);
            if (!shape.accepts(candidate.node())) {
                wrongShape = wrongShape == null ? candidate : wrongShape;
                continue;
            }
            if (hasFields(candidate.node(), fields)) {
                return new JsonExtraction.Found(candidate.node(), lineOf(reply, candidate.offset()));
            }
            fallback = fallback == null ? candidate : fallback;
        }
        if (fallback != null) {
            return new JsonExtraction.Found(fallback.node(), lineOf(reply, fallback.offset()));
        }
        if (furthest != null && furthestReach > 2) {
            return furthest;
        }
        return new JsonExtraction.NotFound("no JSON " + shape.noun + " in the reply" + (wrongShape == null ? ""
                : " (only " + kind(wrongShape.node()) + " at line " + lineOf(reply, wrongShape.offset()) + ")")
                + "; expected one, optionally in a ```json block");
    }

    private static boolean hasFields(JsonNode value, String... fields) {
        for (String field : fields) {
            if (!value.has(field)) {
                return false;
            }
        }
        return true;
    }

    private static JsonExtraction.Malformed malformed(String reply, int offset, String problem) {
        offset = Math.max(0, Math.min(offset, reply.length()));
        int line = lineOf(reply, offset);
        int lineStart = offset == 0 ? 0 : reply.lastIndexOf('\n', offset - 1) + 1;
        int from = Math.max(0, offset - NEAR_CHARS);
        int to = Math.min(reply.length(), offset + NEAR_CHARS);
        String near = reply.substring(from, to).replace("\n", "\\n");
        return new JsonExtraction.Malformed(line, offset - lineStart + 1, problem.replace("\n", " "),
                (from > 0 ? "..." : "") + near + (to < reply.length() ? "..." : ""));
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String kind(JsonNode value) {
        return value.isArray() ? "an array" : value.isObject() ? "an object" : "a " + value.getNodeType()
                .name().toLowerCase(Locale.ROOT);
    }

    /** A value read at {@code offset} of the reply. */
    private record Value(JsonNode node, int offset) {
    }

    private enum Shape {
        OBJECT("object"), ARRAY("array"), ANY("object or array");

        private final String noun;

        Shape(String noun) {
            this.noun = noun;
        }

        boolean accepts(JsonNode value) {
            return switch (this) {
                case OBJECT -> value.isObject();
                case ARRAY -> value.isArray();
                case ANY -> value.isObject() || value.isArray();
            };
        }
    }
}
