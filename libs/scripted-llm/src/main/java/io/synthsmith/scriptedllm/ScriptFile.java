package io.synthsmith.scriptedllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.scriptedllm.ScriptedResponse.Completion;
import io.synthsmith.scriptedllm.ScriptedResponse.ReasoningField;
import io.synthsmith.scriptedllm.ScriptedResponse.RetryAfterFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@link Script} from JSON, so that a script can live in a file. The format, with every field optional
 * except {@code rules[].replies}:
 *
 * <pre>{@code
 * {
 *   "latencyMs": 200, "capacity": 64, "overflow": "queue" | "reject", "overflowRetryAfterSeconds": 1,
 *   "seed": 1, "recordLimit": 10000, "streamChunkChars": 64, "streamChunkDelayMs": 0,
 *   "rules": [ {
 *     "stage": "solver", "lastUserMessage": "regex", "model": "regex (whole name)",
 *     "rejects": [ "max_tokens", "temperature" ], "description": "free text for readers",
 *     "replies": [ REPLY, ... ], "cycle": false,
 *     "randomFault": { "probability": 0.1, "reply": REPLY }
 *   } ]
 * }
 * REPLY is a completion:
 *   { "content": "...", "reasoning": "...",
 *     "reasoningField": "reasoning_content" | "reasoning" | "think" | "think-unopened" | "hidden",
 *     "finishReason": "stop", "usage": { "promptTokens": 1, "completionTokens": 2, "reasoningTokens": 3 },
 *     "n": "honour" | "ignore", "template": false }
 * or a fault:
 *   { "fault": "rate-limited", "retryAfterSeconds": 1, "retryAfterFormat": "seconds" | "http-date" }
 *   { "fault": "http-error", "status": 503, "message": "..." }
 *   { "fault": "malformed-body", "body": "..." }
 *   { "fault": "truncated-body", COMPLETION FIELDS }
 * and any REPLY may carry "delayMs": 5000 to be answered that much later.
 * }</pre>
 *
 * {@code "cycle": true} starts a rule's replies over after the last one instead of repeating it. A completion with
 * {@code "template": true} has its content and reasoning filled per request ({@code {{seq}}}, {@code {{match.1}}},
 * arithmetic; see {@link ScriptedResponse.Completion#asTemplate()}); a placeholder that is malformed or names a group
 * the rule's regex lacks is an error here, with its path.
 *
 * Unknown fields are errors, reported with their path, so that a typo does not silently change a test.
 */
public final class ScriptFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code description} is for people reading the file; the server ignores it. */
    private static final Set<String> SCRIPT_FIELDS = Set.of("description", "latencyMs", "capacity", "overflow",
            "overflowRetryAfterSeconds", "seed", "recordLimit", "rules", "streamChunkChars", "streamChunkDelayMs");
    private static final Set<String> RULE_FIELDS = Set.of("stage", "lastUserMessage", "replies", "randomFault",
            "cycle", "model", "rejects", "description");
    private static final Set<String> COMPLETION_FIELDS = Set.of("content", "reasoning", "reasoningField",
            "finishReason", "usage", "n", "template", "delayMs");

    private ScriptFile() {
    }

    /** Reads the script in {@code file}; errors name the file and the JSON path of the problem. */
    public static Script load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Parses {@code json}; {@code source} names it in errors (a file name, or "inline script"). */
    public static Script parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a script is a JSON object with a 'rules' array");
        }
        Reader reader = new Reader(source);
        reader.onlyFields(root, "$", SCRIPT_FIELDS);
        List<ScriptRule> rules = new ArrayList<>();
        JsonNode rulesNode = root.path("rules");
        if (!rulesNode.isArray()) {
            throw reader.error("$.rules", "expected an array of rules");
        }
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(reader.rule(rulesNode.get(i), "$.rules[" + i + "]"));
        }
        Script script = Script.of(rules.toArray(ScriptRule[]::new))
                .withLatency(Duration.ofMillis(reader.longValue(root, "latencyMs", "$", 0)))
                .withSeed(reader.longValue(root, "seed", "$", 1))
                .withRecordLimit((int) reader.longValue(root, "recordLimit", "$", Script.DEFAULT_RECORD_LIMIT))
                .withStreaming((int) reader.longValue(root, "streamChunkChars", "$",
                                Script.Streaming.DEFAULT.chunkChars()),
                        Duration.ofMillis(reader.longValue(root, "streamChunkDelayMs", "$", 0)));
        int capacity = (int) reader.longValue(root, "capacity", "$", 0);
        String overflow = reader.text(root, "overflow", "$", "queue");
        return switch (overflow) {
            case "queue" -> script.withCapacity(capacity);
            case "reject" -> script.withCapacityRejecting(capacity,
                    Duration.ofSeconds(reader.longValue(root, "overflowRetryAfterSeconds", "$", 1)));
            default -> throw reader.error("$.overflow", "expected \"queue\" or \"reject\", got \"" + overflow + "\"");
        };
    }

    /** Field readers that name the source and JSON path in every error. */
    private record Reader(String source) {

        ScriptRule rule(JsonNode node, String path) {
            onlyFields(node, path, RULE_FIELDS);
            JsonNode repliesNode = node.path("replies");
            if (!repliesNode.isArray() || repliesNode.isEmpty()) {
                throw error(path + ".replies", "expected a non-empty array of replies");
            }
            List<ScriptedResponse> replies = new ArrayList<>();
            for (int i = 0; i < repliesNode.size(); i++) {
                replies.add(reply(repliesNode.get(i), path + ".replies[" + i + "]"));
            }
            String stage = node.hasNonNull("stage") ? text(node, "stage", path, null) : null;
            Pattern pattern = null;
            if (node.hasNonNull("lastUserMessage")) {
                try {
                    pattern = Pattern.compile(text(node, "lastUserMessage", path, null));
                } catch (PatternSyntaxException e) {
                    throw error(path + ".lastUserMessage", "not a valid regex: " + e.getDescription());
                }
            }
            ScriptRule.RandomFault randomFault = null;
            if (node.has("randomFault")) {
                JsonNode fault = node.get("randomFault");
                String faultPath = path + ".randomFault";
                onlyFields(fault, faultPath, Set.of("probability", "reply"));
                if (!fault.path("probability").isNumber()) {
                    throw error(faultPath + ".probability", "expected a number between 0 and 1");
                }
                randomFault = new ScriptRule.RandomFault(fault.get("probability").asDouble(),
                        reply(fault.path("reply"), faultPath + ".reply"));
            }
            Pattern model = null;
            if (node.hasNonNull("model")) {
                try {
                    model = Pattern.compile(text(node, "model", path, null));
                } catch (PatternSyntaxException e) {
                    throw error(path + ".model", "not a valid regex: " + e.getDescription());
                }
            }
            Set<String> rejects = new java.util.LinkedHashSet<>();
            if (node.has("rejects")) {
                JsonNode list = node.get("rejects");
                if (!list.isArray()) {
                    throw error(path + ".rejects", "expected an array of request field names");
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).isTextual()) {
                        throw error(path + ".rejects[" + i + "]", "expected a field name such as \"max_tokens\"");
                    }
                    rejects.add(list.get(i).asText());
                }
            }
            ScriptRule rule = new ScriptRule(stage, pattern, replies, randomFault, bool(node, "cycle", path, false),
                    model, rejects);
            try {
                rule.checkTemplates();
            } catch (IllegalArgumentException e) {
                // the message starts with the reply's path inside the rule, e.g. "replies[2].content: ..."
                throw new IllegalArgumentException(source + ": " + path + "." + e.getMessage(), e);
            }
            return rule;
        }

        ScriptedResponse reply(JsonNode node, String path) {
            if (!node.isObject()) {
                throw error(path, "expected a reply object");
            }
            ScriptedResponse response = node.has("fault") ? fault(node, path) : completion(node, path);
            long delayMillis = longValue(node, "delayMs", path, 0);
            return delayMillis > 0 ? ScriptedResponse.slow(Duration.ofMillis(delayMillis), response) : response;
        }

        private ScriptedResponse fault(JsonNode node, String path) {
            String fault = text(node, "fault", path, null);
            return switch (fault) {
                case "rate-limited" -> {
                    onlyFields(node, path, Set.of("fault", "retryAfterSeconds", "retryAfterFormat", "delayMs"));
                    Duration retryAfter = node.has("retryAfterSeconds")
                            ? Duration.ofSeconds(longValue(node, "retryAfterSeconds", path, 0)) : null;
                    String format = text(node, "retryAfterFormat", path, "seconds");
                    yield switch (format) {
                        case "seconds" -> new ScriptedResponse.RateLimited(retryAfter, RetryAfterFormat.SECONDS);
                        case "http-date" -> new ScriptedResponse.RateLimited(retryAfter, RetryAfterFormat.HTTP_DATE);
                        default -> throw error(path + ".retryAfterFormat",
                                "expected \"seconds\" or \"http-date\", got \"" + format + "\"");
                    };
                }
                case "http-error" -> {
                    onlyFields(node, path, Set.of("fault", "status", "message", "delayMs"));
                    long status = longValue(node, "status", path, 500);
                    if (status < 400 || status > 599) {
                        throw error(path + ".status", "expected an HTTP error status 400..599, got " + status);
                    }
                    yield ScriptedResponse.httpError((int) status, text(node, "message", path, "scripted error"));
                }
                case "malformed-body" -> {
                    onlyFields(node, path, Set.of("fault", "body", "delayMs"));
                    yield node.has("body") ? new ScriptedResponse.MalformedBody(text(node, "body", path, null))
                            : ScriptedResponse.malformedBody();
                }
                case "truncated-body" -> ScriptedResponse.truncatedBody(completion(node, path));
                default -> throw error(path + ".fault", "expected one of \"rate-limited\", \"http-error\", "
                        + "\"malformed-body\", \"truncated-body\", got \"" + fault + "\"");
            };
        }

        private Completion completion(JsonNode node, String path) {
            Set<String> allowed = node.has("fault") ? union(COMPLETION_FIELDS, "fault") : COMPLETION_FIELDS;
            onlyFields(node, path, allowed);
            if (!node.has("content")) {
                throw error(path, "a completion reply needs \"content\" (or a \"fault\")");
            }
            Completion completion = ScriptedResponse.completion(node.get("content").isNull() ? null
                    : text(node, "content", path, null));
            if (node.hasNonNull("reasoning")) {
                completion = completion.withReasoning(text(node, "reasoning", path, null));
            }
            String field = text(node, "reasoningField", path, "reasoning_content");
            ReasoningField reasoningField = java.util.Arrays.stream(ReasoningField.values())
                    .filter(candidate -> candidate.jsonName().equals(field)).findFirst()
                    .orElseThrow(() -> error(path + ".reasoningField", "expected one of "
                            + java.util.Arrays.stream(ReasoningField.values()).map(ReasoningField::jsonName).toList()
                            + ", got \"" + field + "\""));
            completion = completion.withReasoningField(reasoningField);
            completion = completion.withFinishReason(text(node, "finishReason", path, "stop"));
            if (node.has("usage")) {
                JsonNode usage = node.get("usage");
                String usagePath = path + ".usage";
                onlyFields(usage, usagePath, Set.of("promptTokens", "completionTokens", "reasoningTokens"));
                completion = completion.withUsage((int) longValue(usage, "promptTokens", usagePath, 0),
                        (int) longValue(usage, "completionTokens", usagePath, 0),
                        usage.has("reasoningTokens") ? (int) longValue(usage, "reasoningTokens", usagePath, 0) : null);
            }
            String n = text(node, "n", path, "honour");
            completion = switch (n) {
                case "honour" -> completion;
                case "ignore" -> completion.ignoringN();
                default -> throw error(path + ".n", "expected \"honour\" or \"ignore\", got \"" + n + "\"");
            };
            if (!bool(node, "template", path, false)) {
                return completion;
            }
            try {
                return completion.asTemplate();
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        void onlyFields(JsonNode node, String path, Set<String> allowed) {
            if (!node.isObject()) {
                throw error(path, "expected an object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(path + "." + name, "unknown field; expected one of " + allowed.stream().sorted()
                            .toList());
                }
            }
        }

        long longValue(JsonNode node, String field, String path, long fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw error(path + "." + field, "expected a non-negative whole number, got " + value);
            }
            return value.asLong();
        }

        boolean bool(JsonNode node, String field, String path, boolean fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw error(path + "." + field, "expected true or false, got " + value);
            }
            return value.asBoolean();
        }

        String text(JsonNode node, String field, String path, String fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                if (fallback == null) {
                    throw error(path + "." + field, "missing");
                }
                return fallback;
            }
            if (!value.isTextual()) {
                throw error(path + "." + field, "expected a string, got " + value);
            }
            return value.asText();
        }

        IllegalArgumentException error(String path, String problem) {
            return new IllegalArgumentException(source + ": " + path + ": " + problem);
        }

        private static Set<String> union(Set<String> fields, String extra) {
            List<String> all = new ArrayList<>(fields);
            all.add(extra);
            return Set.copyOf(all);
        }
    }
}
