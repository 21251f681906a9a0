package io.synthsmith.llm.reply;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Finds the JSON value in an LLM's answer. A {@code ```json} block wins (else an untagged fenced block that holds
 * JSON), and its whole content must parse; without one, the first object (or array) in the prose that parses is
 * taken, text after it ignored. Parsing is strict (no comments, no trailing commas, no single quotes); when nothing
 * parses, the {@link JsonExtraction.Malformed} result says where the most complete attempt broke.
 */
public final class ReplyJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CANDIDATES = 64;
    private static final int NEAR_CHARS = 30;

    private ReplyJson() {
    }

    /** The JSON object in {@code reply}. */
    public static JsonExtraction extractObject(String reply) {
        return extract(reply, Shape.OBJECT);
    }

    /** The JSON array in {@code reply}. */
    public static JsonExtraction extractArray(String reply) {
        return extract(reply, Shape.ARRAY);
    }

    /** The JSON object or array in {@code reply}, whichever comes first. */
    public static JsonExtraction extract(String reply) {
        return extract(reply, Shape.ANY);
    }

    private static JsonExtraction extract(String reply, Shape shape) {
        List<MarkdownFences.Fence> fences = MarkdownFences.scan(reply);
        MarkdownFences.Fence fence = fences.stream()
                .filter(f -> f.language().toLowerCase(Locale.ROOT).startsWith("json")).findFirst()
                .or(() -> fences.stream().filter(f -> f.language().isEmpty())
                        .filter(f -> f.content().stripLeading().startsWith("{")
                                || f.content().stripLeading().startsWith("[")).findFirst())
                .orElse(null);
        if (fence != null) {
            return fromFence(reply, fence, shape);
        }
        return fromProse(reply, shape);
    }

    private static JsonExtraction fromFence(String reply, MarkdownFences.Fence fence, Shape shape) {
        int start = fence.contentOffset();
        Attempt attempt = parse(reply, start, start + fence.content().length(), true);
        if (attempt.failure() != null) {
            return attempt.failure();
        }
        if (!shape.accepts(attempt.value())) {
            return new JsonExtraction.NotFound("expected a JSON " + shape.noun + ", but the fenced block at line "
                    + fence.openingLine() + " holds " + kind(attempt.value()));
        }
        return new JsonExtraction.Found(attempt.value(), lineOf(reply, start + leadingWhitespace(reply, start)));
    }

    private static JsonExtraction fromProse(String reply, Shape shape) {
        JsonExtraction.Malformed furthest = null;
        int furthestReach = -1;
        String wrongShape = null;
        int candidates = 0;
        for (int i = 0; i < reply.length() && candidates < MAX_CANDIDATES; i++) {
            char c = reply.charAt(i);
            if (c != '{' && c != '[') {
                continue;
            }
            candidates++;
            Attempt attempt = parse(reply, i, reply.length(), false);
            if (attempt.failure() == null) {
                if (shape.accepts(attempt.value())) {
                    return new JsonExtraction.Found(attempt.value(), lineOf(reply, i));
                }
                wrongShape = wrongShape != null ? wrongShape : kind(attempt.value()) + " at line " + lineOf(reply, i);
                i += attempt.length() - 1;
            } else if (attempt.length() > furthestReach) {
                furthest = attempt.failure();
                furthestReach = attempt.length();
            }
        }
        if (furthest != null) {
            return furthest;
        }
        return new JsonExtraction.NotFound("no JSON " + shape.noun + " in the reply" + (wrongShape == null ? ""
                : " (only " + wrongShape + ")") + "; expected one, optionally in a ```json block");
    }

    /** Parses one value in {@code reply[start, end)}; {@code whole} demands nothing but whitespace after it. */
    private static Attempt parse(String reply, int start, int end, boolean whole) {
        String text = reply.substring(start, Math.min(end, reply.length()));
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode value = JSON.readTree(parser);
            int consumed = (int) parser.currentLocation().getCharOffset();
            if (value == null) {
                return new Attempt(null, 0, malformed(reply, start + text.length(),
                        "the block is empty; expected a JSON value"));
            }
            if (whole) {
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    int at = start + (int) parser.currentTokenLocation().getCharOffset();
                    return new Attempt(null, at - start, malformed(reply, at,
                            "unexpected text after the JSON value; a block holds exactly one value"));
                }
            }
            return new Attempt(value, consumed, null);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            long offset = location == null ? -1 : location.getCharOffset();
            int at = start + (int) Math.max(0, Math.min(offset < 0 ? text.length() : offset, text.length()));
            return new Attempt(null, at - start, malformed(reply, at, e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonExtraction.Malformed malformed(String reply, int offset, String problem) {
        int line = lineOf(reply, offset);
        int lineStart = reply.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
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

    private static int leadingWhitespace(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i - start;
    }

    private static String kind(JsonNode value) {
        return value.isArray() ? "an array" : value.isObject() ? "an object" : "a " + value.getNodeType()
                .name().toLowerCase(Locale.ROOT);
    }

    private record Attempt(JsonNode value, int length, JsonExtraction.Malformed failure) {
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
