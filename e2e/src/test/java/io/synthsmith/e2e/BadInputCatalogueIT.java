package io.synthsmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.e2e.harness.Pipeline;
import io.synthsmith.e2e.harness.ServiceProcess;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue (docs/bad-input.md): every kind of broken, mistyped or absurd record on every input topic
 * of every service, with the whole pipeline running as in production (five service JVMs on a real Kafka broker and
 * a real Infinispan server; the LLM stages answered by the scripted server with the replay script: scripted replies,
 * not a model). Each bad record must end on its topic's dead-letter topic with headers that name the kind of error
 * and the field, or on the rejected topic with a reason that names the problem; and a good message sent right behind
 * the bad ones, with the same key and so on the same partition, must still produce its normal output.
 *
 * <p>Everything is sent first and waited for once. Records that may kill a consumer (larger than what the
 * dead-letter producer may write) go last, in a second short round, each followed by a probe, so that what they
 * break cannot hide the outcome of the others.
 */
class BadInputCatalogueIT {

    private static final Path HOME = Path.of(System.getProperty("synthsmith.home", "..")).toAbsolutePath().normalize();
    private static final MessageCodec CODEC = new MessageCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The services' {@code synthsmith.messaging.max-inbound-bytes} (libs/messaging default, not overridden). */
    private static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;
    /** The dead-letter channel's max.request.size (libs/messaging microprofile-config.properties). */
    private static final int DEAD_LETTER_MAX_REQUEST_BYTES = 17_825_792;
    /** The task evolver's synthsmith.task-evolver.seeds.max-chars default. */
    private static final int SEED_MAX_CHARS = 60_000;
    private static final int TEN_MB = 10_000_000;
    private static final int ABSURD_CANDIDATES = 10_000;
    /** The title the replay script's solver rules answer, so that the good task is solved. */
    private static final String SCRIPTED_TITLE = "Lantern Street Sums";

    /** Good outputs take seconds; only a case that is never settled waits this long. */
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration WAIT_LAST_ROUND = Duration.ofMinutes(1);
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    private static Pipeline pipeline;
    private static TopicTail tail;
    private static final List<Sent> SENT = new ArrayList<>();
    private static final Map<Input, Sent> GOOD = new LinkedHashMap<>();
    private static final Map<String, String> HEALTH_AFTER_CATALOGUE = new LinkedHashMap<>();
    private static final Map<String, String> HEALTH_AFTER_LAST_ROUND = new LinkedHashMap<>();
    private static final List<String> NOTES = new ArrayList<>();
    private static String runConfigSeen = "(never read)";

    // ---------------------------------------------------------------------------------------------------------
    // The inputs and the catalogue
    // ---------------------------------------------------------------------------------------------------------

    /** Every topic a service consumes, the service that reads it, and the example its good messages are made from. */
    enum Input {
        SEEDS("task-evolver", Topic.SEEDS, "seed-code.json"),
        GENERATION_REQUESTS("task-evolver", Topic.GENERATION_REQUESTS, "generation-request.json"),
        RUNS("task-evolver", Topic.RUNS, "run.json"),
        /** Read first by dedup's pre-solve stage; a good task goes on to the solver through tasks.unique. */
        TASKS("dedup", Topic.TASKS, "task-codeforces.json"),
        TASKS_UNIQUE("solver", Topic.TASKS_UNIQUE, "task-codeforces.json"),
        SOLVED("verifier", Topic.SOLVED, "solved.json"),
        VERIFIED("dedup", Topic.VERIFIED, "verified.json"),
        ACCEPTED("exporter", Topic.ACCEPTED, "accepted.json");

        final String service;
        final Topic topic;
        final String example;

        Input(String service, Topic topic, String example) {
            this.service = service;
            this.topic = topic;
            this.example = example;
        }

        MessageType type() {
            return topic.messageType().orElseThrow();
        }

        String slug() {
            return topic.baseName().replace('.', '-');
        }

        /** Each input's messages have a run of their own, so dedup never compares one input's tasks to another's. */
        String runId() {
            return "bi-" + TAG + "-" + slug();
        }

        /** Every record of an input carries this key (the good message's id), so all land on one partition. */
        String key() {
            return goodId(this);
        }
    }

    /** The kinds of bad record, in the order they are sent. */
    enum Kind {
        NOT_JSON("text that is not JSON"),
        BINARY("binary bytes (a PNG header)"),
        EMPTY_VALUE("empty value (0 bytes)"),
        NULL_VALUE("null value (a tombstone)"),
        JSON_ARRAY("JSON that is not an object"),
        NO_SCHEMA("no schema field"),
        WRONG_SCHEMA("valid JSON of another topic's schema"),
        UNKNOWN_VERSION("unknown schema version v9"),
        MISSING_FIELD("required field missing"),
        EMPTY_TEXT("empty string in a required field"),
        BLANK_TEXT("whitespace-only required text"),
        ABSURD_SIZE("absurd size within max-inbound-bytes"),
        OVER_LLM_LIMIT("seed over the LLM limit, within the schema"),
        TOO_LARGE("over max-inbound-bytes (16 MiB + 64 KiB)"),
        FAR_TOO_LARGE("over max-inbound-bytes and the dead letter's max.request.size (24 MiB)"),
        PROBE("probe right behind the 24 MiB record (text that is not JSON)");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** One bad record: where it goes, what it is, and the outcomes that would be right (any one of them). */
    record BadCase(Input input, Kind kind, String what, String id, Supplier<byte[]> value, List<Expected> expected) {

        String name() {
            return input.topic.baseName() + " <- " + kind.description + " (" + what + ") => "
                    + expected.stream().map(Expected::describe).collect(Collectors.joining(" or "));
        }
    }

    /** A right outcome for a bad record. */
    sealed interface Expected permits DeadLettered, RejectedAs {
        String describe();
    }

    /**
     * On {@code <input>.dlq} with {@code synthsmith-error-kind} = kind, {@code synthsmith-error-field} = field (absent
     * when null), and a {@code synthsmith-error} that mentions every one of {@code mentions}.
     */
    record DeadLettered(String kind, String field, List<String> mentions) implements Expected {

        static DeadLettered of(String kind, String field, String... mentions) {
            return new DeadLettered(kind, field, List.of(mentions));
        }

        boolean matches(Seen letter) {
            return kind.equals(letter.header(DeadLetterHeaders.ERROR_KIND))
                    && Objects.equals(field, letter.header(DeadLetterHeaders.ERROR_FIELD))
                    && mentions.stream().allMatch(m -> letter.header(DeadLetterHeaders.ERROR) != null
                            && letter.header(DeadLetterHeaders.ERROR).contains(m));
        }

        @Override
        public String describe() {
            return "DLQ " + kind + (field == null ? "" : " " + field);
        }
    }

    /** On the rejected topic from {@code stage}, reason {@code reason}, with a detail mentioning {@code mentions}. */
    record RejectedAs(String stage, String reason, List<String> mentions) implements Expected {

        static RejectedAs of(String stage, String reason, String... mentions) {
            return new RejectedAs(stage, reason, List.of(mentions));
        }

        boolean matches(JsonNode rejection) {
            return stage.equals(rejection.path("stage").asText()) && reason.equals(rejection.path("reason").asText())
                    && mentions.stream().allMatch(m -> rejection.path("detail").asText().contains(m));
        }

        @Override
        public String describe() {
            return "rejected by " + stage + " as " + reason;
        }
    }

    /** A record as sent: its case (null for a good message), its partition and offset, and its value's digest. */
    record Sent(BadCase badCase, Input input, String id, int partition, long offset, int length, String sha256) {
    }

    /** The catalogue: the first round (everything that cannot kill a consumer) for every input. */
    static List<BadCase> catalogue(Input input) {
        List<BadCase> cases = new ArrayList<>();
        MessageType type = input.type();
        String expectedSchema = type.schemaId();
        String notJson = "this is not JSON {\"schema\": oops";
        cases.add(new BadCase(input, Kind.NOT_JSON, notJson, null, () -> notJson.getBytes(StandardCharsets.UTF_8),
                List.of(DeadLettered.of("NOT_JSON", null, "not JSON at line 1"))));
        cases.add(new BadCase(input, Kind.BINARY, "0x89 P N G ...", null,
                () -> new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', -1},
                List.of(DeadLettered.of("NOT_JSON", null, "not JSON at line 1, column 1"))));
        cases.add(new BadCase(input, Kind.EMPTY_VALUE, "0 bytes", null, () -> new byte[0],
                List.of(DeadLettered.of("NOT_JSON", null, "empty message"))));
        cases.add(new BadCase(input, Kind.NULL_VALUE, "null", null, () -> null,
                List.of(DeadLettered.of("NOT_JSON", null, "empty message"))));
        cases.add(new BadCase(input, Kind.JSON_ARRAY, "[1, 2]", null, () -> "[1, 2]".getBytes(StandardCharsets.UTF_8),
                List.of(DeadLettered.of("NOT_AN_OBJECT", "$", "expected a JSON object, got array"))));

        String noSchemaId = caseId(input, Kind.NO_SCHEMA);
        cases.add(new BadCase(input, Kind.NO_SCHEMA, "schema removed", noSchemaId,
                () -> bytes(remove(message(input, noSchemaId), "schema")),
                List.of(DeadLettered.of("MISSING_SCHEMA", "$.schema", "required field 'schema'", expectedSchema))));

        Input other = wrongInput(input);
        String wrongId = caseId(input, Kind.WRONG_SCHEMA);
        cases.add(new BadCase(input, Kind.WRONG_SCHEMA, "a " + other.type().schemaId() + " message", wrongId,
                () -> bytes(message(other, wrongId)),
                List.of(DeadLettered.of("WRONG_SCHEMA", "$.schema", "wrong schema \"" + other.type().schemaId() + "\"",
                        "this topic carries " + expectedSchema))));

        String v9 = type.schemaName() + "/v9";
        String versionId = caseId(input, Kind.UNKNOWN_VERSION);
        cases.add(new BadCase(input, Kind.UNKNOWN_VERSION, v9, versionId,
                () -> bytes(message(input, versionId).put("schema", v9)),
                List.of(DeadLettered.of("UNSUPPORTED_VERSION", "$.schema", "\"" + v9 + "\"",
                        "reads " + expectedSchema))));

        String missing = missingField(input);
        String missingId = caseId(input, Kind.MISSING_FIELD);
        cases.add(new BadCase(input, Kind.MISSING_FIELD, missing + " removed", missingId,
                () -> bytes(remove(message(input, missingId), missing)),
                List.of(DeadLettered.of("SCHEMA_VIOLATION", jsonPath(missing),
                        "required property '" + last(missing) + "' not found"))));

        String empty = emptyField(input);
        String emptyId = caseId(input, Kind.EMPTY_TEXT);
        cases.add(new BadCase(input, Kind.EMPTY_TEXT, empty + " = \"\"", emptyId,
                () -> bytes(put(message(input, emptyId), empty, "")),
                List.of(DeadLettered.of("SCHEMA_VIOLATION", jsonPath(empty), pointer(empty)))));

        String blank = blankField(input);
        String blankId = caseId(input, Kind.BLANK_TEXT);
        cases.add(new BadCase(input, Kind.BLANK_TEXT, blank + " = \" \\n\\t \"", blankId,
                () -> bytes(put(message(input, blankId), blank, " \n\t ")),
                List.of(DeadLettered.of("SCHEMA_VIOLATION", jsonPath(blank), pointer(blank),
                        "does not match the regex pattern"))));

        cases.add(absurd(input));
        if (input == Input.SEEDS) {
            String overId = caseId(input, Kind.OVER_LLM_LIMIT);
            int chars = SEED_MAX_CHARS + 40_000;
            cases.add(new BadCase(input, Kind.OVER_LLM_LIMIT, "content.snippet of " + chars + " characters", overId,
                    () -> bytes(put(message(input, overId), "content.snippet", text(chars))),
                    List.of(RejectedAs.of("task-evolver", "oversize", "more than the " + SEED_MAX_CHARS,
                            "synthsmith.task-evolver.seeds.max-chars"))));
        }
        String largeId = caseId(input, Kind.TOO_LARGE);
        int large = MAX_INBOUND_BYTES + 64 * 1024;
        cases.add(new BadCase(input, Kind.TOO_LARGE, "padded to " + large + " bytes", largeId,
                () -> padded(message(input, largeId), large),
                List.of(DeadLettered.of("TOO_LARGE", null, "message of " + large + " bytes",
                        "larger than the " + MAX_INBOUND_BYTES + " bytes", "synthsmith.messaging.max-inbound-bytes"))));
        return cases;
    }

    /**
     * The last round: a record larger than the dead-letter producer may write (its max.request.size is 17 MiB;
     * the broker takes it because zstd shrinks it below the topic's 16 MiB), then a probe behind it.
     */
    static List<BadCase> lastRound(Input input) {
        int size = 24 * 1024 * 1024;
        String hugeId = caseId(input, Kind.FAR_TOO_LARGE);
        return List.of(
                new BadCase(input, Kind.FAR_TOO_LARGE, "padded to " + size + " bytes", hugeId,
                        () -> padded(message(input, hugeId), size),
                        List.of(DeadLettered.of("TOO_LARGE", null, "message of " + size + " bytes",
                                "synthsmith.messaging.max-inbound-bytes"))),
                new BadCase(input, Kind.PROBE, "probe: not JSON", null,
                        () -> "probe: not JSON".getBytes(StandardCharsets.UTF_8),
                        List.of(DeadLettered.of("NOT_JSON", null, "not JSON at line 1"))));
    }

    /** An absurd size: for each input, the field where size is most absurd, and what is right for it. */
    private static BadCase absurd(Input input) {
        String id = caseId(input, Kind.ABSURD_SIZE);
        return switch (input) {
            case SEEDS -> new BadCase(input, Kind.ABSURD_SIZE, "content.snippet of 10 MB", id,
                    () -> bytes(put(message(input, id), "content.snippet", text(TEN_MB))),
                    List.of(DeadLettered.of("SCHEMA_VIOLATION", "$.content.snippet", "/content/snippet",
                            "must be at most 1,000,000 characters")));
            case GENERATION_REQUESTS -> new BadCase(input, Kind.ABSURD_SIZE, "batch id of 10 MB", id,
                    () -> bytes(message(input, id).put("batch", "b".repeat(TEN_MB))),
                    List.of(DeadLettered.of("SCHEMA_VIOLATION", "$.batch", "/batch")));
            case RUNS -> new BadCase(input, Kind.ABSURD_SIZE, "tasksPerSeed = 1,000,000,000", id,
                    () -> bytes(message(input, id).put("tasksPerSeed", 1_000_000_000)),
                    List.of(DeadLettered.of("SCHEMA_VIOLATION", "$.tasksPerSeed", "maximum value of 10000")));
            case TASKS, TASKS_UNIQUE -> new BadCase(input, Kind.ABSURD_SIZE, "statement of 10 MB", id,
                    () -> bytes(put(message(input, id), "statement", text(TEN_MB))),
                    statementRefused(input.service, "statement"));
            case SOLVED -> new BadCase(input, Kind.ABSURD_SIZE, ABSURD_CANDIDATES + " candidates", id,
                    () -> bytes(withCandidates(message(input, id), ABSURD_CANDIDATES)),
                    List.of(DeadLettered.of("SCHEMA_VIOLATION", "$.candidates", "/candidates"),
                            RejectedAs.of("verifier", "oversize", "candidates")));
            case VERIFIED -> new BadCase(input, Kind.ABSURD_SIZE, "task.statement of 10 MB", id,
                    () -> bytes(put(message(input, id), "task.statement", text(TEN_MB))),
                    statementRefused("dedup", "task.statement"));
            case ACCEPTED -> new BadCase(input, Kind.ABSURD_SIZE, "verified.task.statement of 10 MB", id,
                    () -> bytes(put(message(input, id), "verified.task.statement", text(TEN_MB))),
                    statementRefused("exporter", "verified.task.statement"));
        };
    }

    /**
     * A 10 MB statement (some 2.5 million tokens) is no task: no model can read it and no stage made it. Right is to
     * refuse it by contract (a maxLength on the statement: dead letter at the field) or by the stage (rejected as
     * oversize, naming the statement); processing it as work is wrong.
     */
    private static List<Expected> statementRefused(String stage, String path) {
        return List.of(DeadLettered.of("SCHEMA_VIOLATION", jsonPath(path), pointer(path)),
                RejectedAs.of(stage, "oversize", "statement"));
    }

    private static String missingField(Input input) {
        return switch (input) {
            case SEEDS -> "content";
            case GENERATION_REQUESTS -> "run";
            case RUNS -> "id";
            case TASKS, TASKS_UNIQUE -> "statement";
            case SOLVED -> "candidates";
            case VERIFIED -> "golden";
            case ACCEPTED -> "dedup";
        };
    }

    private static String emptyField(Input input) {
        return switch (input) {
            case SEEDS -> "content.snippet";
            case GENERATION_REQUESTS -> "batch";
            case RUNS -> "runId";
            case TASKS, TASKS_UNIQUE -> "statement";
            case SOLVED -> "candidates.0.code";
            case VERIFIED -> "task.statement";
            case ACCEPTED -> "verified.task.statement";
        };
    }

    private static String blankField(Input input) {
        return switch (input) {
            case SEEDS -> "content.snippet";
            case GENERATION_REQUESTS -> "seedId";
            case RUNS -> "id";
            case TASKS, TASKS_UNIQUE -> "title";
            case SOLVED -> "task.statement";
            case VERIFIED -> "task.title";
            case ACCEPTED -> "verified.task.title";
        };
    }

    /** Another topic's valid message: the upstream one where there is one (a seed sent to the tasks topic, ...). */
    private static Input wrongInput(Input input) {
        return switch (input) {
            case SEEDS -> Input.TASKS;
            case GENERATION_REQUESTS, RUNS, TASKS, TASKS_UNIQUE -> Input.SEEDS;
            case SOLVED -> Input.TASKS;
            case VERIFIED -> Input.SOLVED;
            case ACCEPTED -> Input.VERIFIED;
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Good messages, built from examples/messages with fresh ids and this run's ids
    // ---------------------------------------------------------------------------------------------------------

    /** The good message's id; a run configuration's id is its run id. */
    static String goodId(Input input) {
        return input == Input.RUNS ? input.runId() : input.slug() + "-good-" + TAG;
    }

    private static String caseId(Input input, Kind kind) {
        return input.slug() + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + TAG;
    }

    /** The warm-up seed whose merge gives the generation requests' run a feature tree to sample. */
    private static String warmUpSeedId() {
        return "seed-warm-up-" + TAG;
    }

    /** The example message of {@code input} in this input's run, with id {@code id} (its task's id too). */
    static ObjectNode message(Input input, String id) {
        ObjectNode message = example(input.example);
        message.put("runId", input.runId()).put("id", id);
        switch (input) {
            case SEEDS -> {
            }
            case TASKS, TASKS_UNIQUE -> message.put("requestId", "request-" + id);
            case RUNS -> message.put("tasksPerSeed", 3).put("evolutionRounds", 1);
            case GENERATION_REQUESTS -> {
                String seed = warmUpSeedId();
                message.put("seedId", seed).put("batch", seed).put("index", 0);
                message.putObject("lineage").putArray("seedIds").add(seed);
                message.set("run", requestsRun());
            }
            case SOLVED, VERIFIED -> ((ObjectNode) message.get("task")).put("runId", input.runId()).put("id", id);
            case ACCEPTED -> {
                ObjectNode verified = (ObjectNode) message.get("verified");
                verified.put("runId", input.runId()).put("id", id);
                ((ObjectNode) verified.get("task")).put("runId", input.runId()).put("id", id);
            }
        }
        return message;
    }

    /** The good message of an input: its example, fresh, and for the tasks topic a title the scripted solver knows. */
    static ObjectNode good(Input input) {
        ObjectNode message = message(input, goodId(input));
        if (input == Input.TASKS || input == Input.TASKS_UNIQUE) {
            message.put("title", SCRIPTED_TITLE);
        }
        return message;
    }

    /** The run of the generation requests: its tree is fed by the warm-up seed, which asks for no tasks itself. */
    private static ObjectNode requestsRun() {
        ObjectNode run = JSON.createObjectNode();
        run.put("schema", "synthsmith.run/v1").put("runId", Input.GENERATION_REQUESTS.runId())
                .put("id", Input.GENERATION_REQUESTS.runId()).put("tasksPerSeed", 0).put("evolutionRounds", 0)
                .put("featureTreeScope", "run");
        run.putObject("styles").put("codeforces", 1.0);
        return run;
    }

    private static ObjectNode example(String file) {
        try {
            return (ObjectNode) JSON.readTree(HOME.resolve("examples/messages").resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples/messages/" + file, e);
        }
    }

    /** {@code count} candidates cycled from the example's (two correct, one wrong), each with its own id. */
    private static ObjectNode withCandidates(ObjectNode solved, int count) {
        ArrayNode examples = (ArrayNode) solved.get("candidates");
        ArrayNode candidates = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode candidate = examples.get(i % examples.size()).deepCopy();
            candidate.put("id", String.format(Locale.ROOT, "cand-%05d-%s", i, TAG));
            candidate.put("answer", "Difference array, then sort.");
            candidate.remove("usage");
            candidates.add(candidate);
        }
        solved.set("candidates", candidates);
        return solved;
    }

    /**
     * Text of {@code chars} characters: one sentence over and over, as a runaway model writes. Not the example
     * statement, so that dedup does not take the good message for a near-copy of an absurd one in the same run.
     */
    private static String text(int chars) {
        String sentence = "The model kept on writing this very sentence about lanterns, queries and ranges, 42 times"
                + " over and then once more.\n";
        return sentence.repeat(chars / sentence.length() + 1).substring(0, chars);
    }

    /** The message with an unknown field (tolerated by the contract) that brings it to exactly {@code size} bytes. */
    private static byte[] padded(ObjectNode message, int size) {
        message.put("padding", "");
        int base = bytes(message).length;
        message.put("padding", "x".repeat(size - base));
        byte[] value = bytes(message);
        if (value.length != size) {
            throw new IllegalStateException("padding made " + value.length + " bytes, not " + size);
        }
        return value;
    }

    private static ObjectNode put(ObjectNode root, String path, String value) {
        ((ObjectNode) parentOf(root, path)).put(last(path), value);
        return root;
    }

    private static ObjectNode remove(ObjectNode root, String path) {
        ((ObjectNode) parentOf(root, path)).remove(last(path));
        return root;
    }

    private static JsonNode parentOf(JsonNode root, String path) {
        JsonNode node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = parts[i].chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(parts[i]))
                    : node.get(parts[i]);
        }
        return node;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** {@code candidates.0.code} as the JSON path the dead-letter header carries: {@code $.candidates[0].code}. */
    private static String jsonPath(String path) {
        StringBuilder json = new StringBuilder("$");
        for (String part : path.split("\\.")) {
            json.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part);
        }
        return json.toString();
    }

    /** {@code candidates.0.code} as the JSON pointer the schema errors name: {@code /candidates/0/code}. */
    private static String pointer(String path) {
        return "/" + path.replace('.', '/');
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // One pipeline: start, warm up, send everything, wait once
    // ---------------------------------------------------------------------------------------------------------

    @BeforeAll
    static void sendTheCatalogueAndWait() throws Exception {
        Pipeline.Settings settings = Pipeline.Settings.of(HOME, EmbeddedInfrastructure.freshDirectory("bad-input"),
                Pipeline.script(HOME.resolve("examples/replay/llm-script.json"), UnaryOperator.identity()));
        List<String> jvmOptions = new ArrayList<>(settings.jvmOptions());
        // What the quarkus-run.jar manifest's Add-Opens gives under java -jar (bin/synthsmith, the images); the
        // harness starts the services with -cp, where the manifest's Add-Opens does not apply.
        jvmOptions.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        pipeline = Pipeline.start(settings.withJvmOptions(jvmOptions));
        List<String> watched = new ArrayList<>();
        for (Input input : Input.values()) {
            watched.add(pipeline.topics().deadLetterOf(input.topic));
        }
        for (Topic output : List.of(Topic.REJECTED, Topic.TASKS, Topic.SOLVED, Topic.VERIFIED, Topic.ACCEPTED,
                Topic.EXPORT_RL)) {
            watched.add(pipeline.topics().of(output));
        }
        tail = new TopicTail(pipeline.bootstrapServers(), watched);
        try (KafkaProducer<String, byte[]> producer = producer(pipeline.bootstrapServers())) {
            warmUp(producer);
            for (Input input : Input.values()) {
                List<Sent> sent = send(producer, input, catalogue(input));
                GOOD.put(input, sendGood(producer, input, sent.get(0).partition()));
            }
            Instant sentAt = Instant.now();
            Instant[] goodsDone = {null};
            await(WAIT, () -> {
                boolean goods = GOOD.keySet().stream().allMatch(input -> goodOutput(input).isPresent());
                if (goods && goodsDone[0] == null) {
                    goodsDone[0] = Instant.now();
                }
                return goods && SENT.stream().allMatch(BadInputCatalogueIT::settled);
            });
            NOTES.add("waited " + Duration.between(sentAt, Instant.now()).toSeconds() + " s after sending; "
                    + SENT.stream().filter(BadInputCatalogueIT::settled).count() + " of " + SENT.size()
                    + " bad records settled; good outputs for " + GOOD.keySet().stream()
                            .filter(input -> goodOutput(input).isPresent()).toList()
                    + (goodsDone[0] == null ? "" : ", all of them "
                            + Duration.between(sentAt, goodsDone[0]).toSeconds() + " s after sending"));
            NOTES.add("verifier backlog: " + verifierBacklog());
            NOTES.add("verifier counters: " + pipeline.service("verifier").get("/q/metrics")
                    .map(response -> response.body().lines()
                            .filter(line -> line.startsWith("synthsmith_verifier_runs_total")
                                    || line.startsWith("synthsmith_verifier_tasks_total"))
                            .collect(Collectors.joining("; ")))
                    .orElse("(no answer)"));
            snapshotHealth(HEALTH_AFTER_CATALOGUE);

            List<Sent> lastRound = new ArrayList<>();
            for (Input input : Input.values()) {
                lastRound.addAll(send(producer, input, lastRound(input)));
            }
            await(WAIT_LAST_ROUND, () -> lastRound.stream().allMatch(BadInputCatalogueIT::settled));
            snapshotHealth(HEALTH_AFTER_LAST_ROUND);
        }
        printCatalogue();
    }

    @AfterAll
    static void stop() {
        if (tail != null) {
            tail.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /**
     * Configures the runs of the seeds and the generation requests (one task per seed, no evolution rounds, so the
     * good messages cost little), and merges one seed into the generation requests' run, so that a request has a
     * feature tree to sample.
     */
    private static void warmUp(KafkaProducer<String, byte[]> producer) throws Exception {
        ServiceProcess evolver = pipeline.service("task-evolver");
        ObjectNode seedsRun = JSON.createObjectNode().put("tasksPerSeed", 1).put("evolutionRounds", 0);
        seedsRun.putObject("styles").put("codeforces", 1.0);
        putJson(evolver, "/runs/" + Input.SEEDS.runId(), seedsRun);
        ObjectNode requestsRun = requestsRun();
        requestsRun.remove(List.of("schema", "runId", "id"));
        putJson(evolver, "/runs/" + Input.GENERATION_REQUESTS.runId(), requestsRun);

        ObjectNode seed = example("seed-code.json").put("runId", Input.GENERATION_REQUESTS.runId())
                .put("id", warmUpSeedId());
        producer.send(new ProducerRecord<>(pipeline.topics().of(Topic.SEEDS), warmUpSeedId(), bytes(seed)))
                .get(60, TimeUnit.SECONDS);
        String features = "/features?runId=" + Input.GENERATION_REQUESTS.runId();
        boolean grown = await(Duration.ofMinutes(3), () -> evolver.get(features)
                .filter(response -> response.statusCode() == 200)
                .map(response -> readTree(response.body()).path("leaves").asInt() >= 4).orElse(false));
        if (!grown) {
            throw new IllegalStateException("the warm-up seed " + warmUpSeedId() + " did not grow the feature tree of "
                    + Input.GENERATION_REQUESTS.runId() + " within 3 minutes; " + features + " says "
                    + evolver.get(features).map(HttpResponse::body).orElse("nothing") + "; evolver log:\n"
                    + evolver.tail(40));
        }
    }

    private static List<Sent> send(KafkaProducer<String, byte[]> producer, Input input, List<BadCase> cases)
            throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (BadCase badCase : cases) {
            byte[] value = badCase.value().get();
            checkSize(badCase, value);
            RecordMetadata metadata = producer.send(new ProducerRecord<>(pipeline.topics().of(input.topic), input.key(),
                    value)).get(120, TimeUnit.SECONDS);
            sent.add(new Sent(badCase, input, badCase.id(), metadata.partition(), metadata.offset(),
                    value == null ? -1 : value.length, digest(value)));
        }
        assertThat(sent.stream().map(Sent::partition).distinct()).as("partitions of the %s records (key %s)",
                input.topic.baseName(), input.key()).hasSize(1);
        SENT.addAll(sent);
        return sent;
    }

    /** Each case tests what it says: only the size cases may reach max-inbound-bytes, and each on its side of it. */
    private static void checkSize(BadCase badCase, byte[] value) {
        int length = value == null ? 0 : value.length;
        boolean right = switch (badCase.kind()) {
            case TOO_LARGE -> length > MAX_INBOUND_BYTES && length < DEAD_LETTER_MAX_REQUEST_BYTES - 64 * 1024;
            case FAR_TOO_LARGE -> length > DEAD_LETTER_MAX_REQUEST_BYTES;
            default -> length < MAX_INBOUND_BYTES;
        };
        if (!right) {
            throw new IllegalStateException(badCase.name() + ": " + length + " bytes is on the wrong side of the"
                    + " limits (max-inbound-bytes " + MAX_INBOUND_BYTES + ", dead-letter max.request.size "
                    + DEAD_LETTER_MAX_REQUEST_BYTES + ")");
        }
    }

    private static Sent sendGood(KafkaProducer<String, byte[]> producer, Input input, int partition) throws Exception {
        byte[] value = bytes(good(input));
        RecordMetadata metadata = producer.send(new ProducerRecord<>(pipeline.topics().of(input.topic), input.key(),
                value)).get(60, TimeUnit.SECONDS);
        assertThat(metadata.partition()).as("partition of the good %s message", input.topic.baseName())
                .isEqualTo(partition);
        return new Sent(null, input, goodId(input), metadata.partition(), metadata.offset(), value.length,
                digest(value));
    }

    /** Polls the watched topics until {@code done} or the timeout; returns whether it was done. */
    private static boolean await(Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            tail.poll(Duration.ofSeconds(2));
            if (done.getAsBoolean()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
        }
    }

    /** Solved tasks of this catalogue's runs that the verifier has neither verified nor rejected yet. */
    private static String verifierBacklog() {
        List<String> verifierDone = new ArrayList<>();
        tail.json(pipeline.topics().of(Topic.VERIFIED)).forEach(v -> verifierDone.add(v.path("id").asText()));
        tail.json(pipeline.topics().of(Topic.REJECTED)).stream()
                .filter(r -> "verifier".equals(r.path("stage").asText()))
                .forEach(r -> verifierDone.add(r.path("subjectId").asText()));
        List<String> solved = tail.json(pipeline.topics().of(Topic.SOLVED)).stream()
                .filter(m -> m.path("runId").asText().startsWith("bi-" + TAG)
                        && !m.path("runId").asText().equals(Input.SOLVED.runId())
                        && Input.SOLVED.type().schemaId().equals(m.path("schema").asText()))
                .map(m -> m.path("id").asText()).toList();
        List<String> waiting = solved.stream().filter(id -> !verifierDone.contains(id)).toList();
        return solved.size() + " solved written by the solver for this catalogue's runs, " + waiting.size()
                + " of them without a verifier outcome " + waiting;
    }

    private static void snapshotHealth(Map<String, String> into) {
        for (ServiceProcess service : pipeline.services()) {
            into.put(service.name(), !service.isAlive() ? "NOT RUNNING (exited)"
                    : service.ready() ? "running and ready"
                    : "running but NOT ready: " + service.get("/q/health/ready").map(HttpResponse::body).orElse("?"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // What became of each record
    // ---------------------------------------------------------------------------------------------------------

    /** The dead letters of a sent record: on its topic's DLQ, naming its partition and offset. */
    private static List<Seen> deadLettersOf(Sent sent) {
        return tail.of(pipeline.topics().deadLetterOf(sent.input().topic)).stream()
                .filter(letter -> String.valueOf(sent.partition())
                        .equals(letter.header(DeadLetterHeaders.SOURCE_PARTITION))
                        && String.valueOf(sent.offset()).equals(letter.header(DeadLetterHeaders.SOURCE_OFFSET)))
                .toList();
    }

    /** Rejections of the record's message by its service. */
    private static List<JsonNode> rejectionsOf(Sent sent) {
        if (sent.id() == null) {
            return List.of();
        }
        return tail.json(pipeline.topics().of(Topic.REJECTED)).stream()
                .filter(r -> sent.id().equals(r.path("subjectId").asText())
                        && sent.input().service.equals(r.path("stage").asText()))
                .toList();
    }

    /** The normal output the service made of the message with this id (what a good message should produce). */
    private static List<JsonNode> outputsOf(Input input, String id) {
        if (id == null) {
            return List.of();
        }
        return switch (input) {
            case SEEDS -> tail.json(pipeline.topics().of(Topic.TASKS)).stream()
                    .filter(task -> contains(task.path("lineage").path("seedIds"), id)).toList();
            case GENERATION_REQUESTS -> tail.json(pipeline.topics().of(Topic.TASKS)).stream()
                    .filter(task -> id.equals(task.path("requestId").asText())).toList();
            case RUNS -> List.of();
            case TASKS, TASKS_UNIQUE -> byId(Topic.SOLVED, id);
            case SOLVED -> byId(Topic.VERIFIED, id);
            case VERIFIED -> byId(Topic.ACCEPTED, id);
            case ACCEPTED -> tail.json(pipeline.topics().of(Topic.EXPORT_RL)).stream()
                    .filter(rl -> id.equals(rl.path("extra_info").path("task_id").asText())).toList();
        };
    }

    private static List<JsonNode> byId(Topic topic, String id) {
        return tail.json(pipeline.topics().of(topic)).stream().filter(m -> id.equals(m.path("id").asText())).toList();
    }

    /** Whether anything became of the record: dead-lettered, rejected, or processed as work. */
    private static boolean settled(Sent sent) {
        return !deadLettersOf(sent).isEmpty() || !rejectionsOf(sent).isEmpty()
                || !outputsOf(sent.input(), sent.id()).isEmpty();
    }

    /** The good message's normal output, once it is there. */
    private static Optional<String> goodOutput(Input input) {
        String id = goodId(input);
        if (input == Input.RUNS) {
            Optional<JsonNode> run = pipeline.service("task-evolver").get("/runs/" + input.runId())
                    .filter(response -> response.statusCode() == 200).map(response -> readTree(response.body()));
            run.ifPresent(node -> runConfigSeen = node.toString());
            return run.filter(node -> node.path("tasksPerSeed").asInt() == 3
                    && node.path("evolutionRounds").asInt() == 1)
                    .map(node -> "GET /runs/" + input.runId() + " answers the stored configuration: tasksPerSeed "
                            + node.path("tasksPerSeed") + ", evolutionRounds " + node.path("evolutionRounds"));
        }
        List<JsonNode> outputs = outputsOf(input, id);
        if (input == Input.SEEDS) {
            outputs = outputs.stream().filter(task -> input.runId().equals(task.path("runId").asText())).toList();
        }
        return outputs.stream().findFirst().map(output -> describeOutput(input, output));
    }

    private static String describeOutput(Input input, JsonNode output) {
        return switch (input) {
            case SEEDS, GENERATION_REQUESTS -> "task " + output.path("id").asText() + " (\""
                    + output.path("title").asText() + "\", lineage seeds " + output.path("lineage").path("seedIds")
                    + ", request " + output.path("requestId").asText() + ")";
            case TASKS, TASKS_UNIQUE -> "solved " + output.path("id").asText() + " with " + output.path("candidates").size()
                    + " candidates";
            case SOLVED -> "verified " + output.path("id").asText() + " with " + output.path("tests").size()
                    + " tests, golden " + output.path("golden").path("candidateId").asText();
            case VERIFIED -> "accepted " + output.path("id").asText() + " (statement hash "
                    + output.path("dedup").path("statementHash").asText() + ")";
            case ACCEPTED -> "export.rl " + output.path("id").asText() + " for task "
                    + output.path("extra_info").path("task_id").asText();
            case RUNS -> output.toString();
        };
    }

    /** Everything observed about a sent record, for a failure message or the printed catalogue. */
    private static String observed(Sent sent) {
        List<String> seen = new ArrayList<>();
        for (Seen letter : deadLettersOf(sent)) {
            seen.add("DLQ " + letter.header(DeadLetterHeaders.ERROR_KIND) + " field="
                    + letter.header(DeadLetterHeaders.ERROR_FIELD) + " service="
                    + letter.header(DeadLetterHeaders.SERVICE)
                    + " error=\"" + abbreviate(letter.header(DeadLetterHeaders.ERROR)) + "\"");
        }
        for (JsonNode rejection : rejectionsOf(sent)) {
            seen.add("rejected by " + rejection.path("stage").asText() + " as " + rejection.path("reason").asText()
                    + ": \"" + abbreviate(rejection.path("detail").asText()) + "\"");
        }
        for (JsonNode output : outputsOf(sent.input(), sent.id())) {
            seen.add("PROCESSED as work: " + describeOutput(sent.input(), output));
        }
        return seen.isEmpty() ? "nothing: no dead letter, no rejection, no output" : String.join("; ", seen);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The tests: one per input and kind, one per input for the good message behind the bad ones
    // ---------------------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicNode> badInputCatalogue() {
        List<DynamicNode> inputs = new ArrayList<>();
        for (Input input : Input.values()) {
            List<DynamicNode> tests = new ArrayList<>();
            List<Sent> cases = SENT.stream().filter(s -> s.input() == input).toList();
            for (Sent sent : cases) {
                tests.add(DynamicTest.dynamicTest(sent.badCase().name(), () -> assertRightOutcome(sent)));
            }
            tests.add(DynamicTest.dynamicTest(input.topic.baseName() + " <- a good message right behind the bad ones on"
                    + " the same partition => its normal output", () -> assertGoodOutput(input)));
            tests.add(DynamicTest.dynamicTest(input.service + " is running and ready after the catalogue",
                    () -> assertThat(HEALTH_AFTER_CATALOGUE.get(input.service)).as("%s after the catalogue",
                            input.service).isEqualTo("running and ready")));
            tests.add(DynamicTest.dynamicTest(input.service + " is running and ready after the last round",
                    () -> assertThat(HEALTH_AFTER_LAST_ROUND.get(input.service)).as("%s after the 24 MiB records",
                            input.service).isEqualTo("running and ready")));
            inputs.add(DynamicContainer.dynamicContainer(input.service + " reads " + input.topic.baseName(), tests));
        }
        return inputs.stream();
    }

    private static void assertRightOutcome(Sent sent) {
        BadCase badCase = sent.badCase();
        List<Seen> letters = deadLettersOf(sent);
        List<JsonNode> rejections = rejectionsOf(sent);
        String observed = observed(sent);
        boolean right = badCase.expected().stream().anyMatch(expected -> switch (expected) {
            case DeadLettered dead -> letters.stream().anyMatch(dead::matches);
            case RejectedAs rejected -> rejections.stream().anyMatch(rejected::matches);
        });
        assertThat(right).as("%s (record %s-%d@%d): expected %s; observed: %s", badCase.name(),
                badCase.input().topic.baseName(), sent.partition(), sent.offset(),
                badCase.expected().stream().map(BadInputCatalogueIT::detail).collect(Collectors.joining(" or ")),
                observed).isTrue();
        assertThat(outputsOf(sent.input(), sent.id())).as("outputs made of the bad record (%s); observed: %s",
                badCase.name(), observed).isEmpty();
        for (Seen letter : letters) {
            assertThat(letter.header(DeadLetterHeaders.SERVICE)).as("service header")
                    .isEqualTo(badCase.input().service);
            assertThat(letter.header(DeadLetterHeaders.SOURCE_TOPIC)).as("source topic header")
                    .isEqualTo(pipeline.topics().of(badCase.input().topic));
            if (badCase.kind() != Kind.FAR_TOO_LARGE) {
                // Replayable: the original value, byte for byte (a null value is written as 0 bytes). A record
                // larger than the dead-letter topic can take may be dead-lettered without its full value.
                assertThat(letter.sha256()).as("the dead letter's value is the original (%d bytes sent)",
                        sent.length()).isEqualTo(sent.length() < 0 ? digest(new byte[0]) : sent.sha256());
            }
        }
    }

    private static String detail(Expected expected) {
        return switch (expected) {
            case DeadLettered dead -> "[DLQ kind " + dead.kind() + ", field " + (dead.field() == null ? "(none)"
                    : dead.field()) + ", error mentioning " + dead.mentions() + "]";
            case RejectedAs rejected -> "[rejected by " + rejected.stage() + " as " + rejected.reason()
                    + ", detail mentioning " + rejected.mentions() + "]";
        };
    }

    private static void assertGoodOutput(Input input) {
        Sent good = GOOD.get(input);
        Optional<String> output = goodOutput(input);
        assertThat(output).as("the normal output of the good %s message %s (%s-%d@%d) within %d minutes of sending;"
                + " observed for it: %s%s", input.topic.baseName(), good.id(), input.topic.baseName(),
                good.partition(), good.offset(), WAIT.toMinutes(), observed(good),
                input == Input.RUNS ? "; GET /runs answered " + runConfigSeen : "").isPresent();
        assertThat(deadLettersOf(good)).as("dead letters of the good %s message", input.topic.baseName()).isEmpty();
    }

    /** Prints the catalogue as observed (into the failsafe output), for docs/bad-input.md and the report. */
    private static void printCatalogue() {
        StringBuilder table = new StringBuilder("\n| service | input | bad kind | observed |\n");
        table.append("| --- | --- | --- | --- |\n");
        for (Sent sent : SENT) {
            table.append("| ").append(sent.input().service).append(" | ").append(sent.input().topic.baseName())
                    .append(" | ").append(sent.badCase().kind().description).append(" (").append(sent.badCase().what())
                    .append(") | ").append(observed(sent).replace("|", "\\|")).append(" |\n");
        }
        for (Map.Entry<Input, Sent> good : GOOD.entrySet()) {
            table.append("| ").append(good.getKey().service).append(" | ").append(good.getKey().topic.baseName())
                    .append(" | good message behind the bad ones | ")
                    .append(goodOutput(good.getKey()).orElse("NO OUTPUT; " + observed(good.getValue()))).append(" |\n");
        }
        NOTES.forEach(note -> table.append('\n').append(note));
        table.append("\nhealth after the catalogue: ").append(HEALTH_AFTER_CATALOGUE)
                .append("\nhealth after the last round: ").append(HEALTH_AFTER_LAST_ROUND).append('\n');
        System.out.println(table);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kafka and HTTP plumbing
    // ---------------------------------------------------------------------------------------------------------

    /** A producer as a careful client would configure one: zstd, acks=all, idempotent, room for 24 MiB records. */
    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(64 * 1024 * 1024));
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static void putJson(ServiceProcess service, String path, ObjectNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + " on " + service.name() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + abbreviate(text), e);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** One record seen on a watched topic: where, its headers, its value's size and digest, and its JSON if any. */
    record Seen(String topic, int partition, long offset, Map<String, String> headers, int length, String sha256,
            JsonNode json) {

        String header(String name) {
            return headers.get(name);
        }

        static Seen of(ConsumerRecord<String, byte[]> record, boolean parse) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            byte[] value = record.value();
            JsonNode json = null;
            if (parse && value != null) {
                try {
                    json = CODEC.parse(value);
                } catch (Exception e) {
                    json = null;
                }
            }
            return new Seen(record.topic(), record.partition(), record.offset(), headers,
                    value == null ? -1 : value.length, digest(value == null ? new byte[0] : value), json);
        }
    }

    /**
     * Follows the watched topics from their beginning, committed records only, without a consumer group; keeps what
     * arrives. Dead-letter topics are kept as headers and digests; the others are parsed as JSON.
     */
    private static final class TopicTail implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, List<Seen>> seen = new LinkedHashMap<>();

        TopicTail(String bootstrapServers, Collection<String> topics) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bad-input-catalogue-" + TAG);
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(32 * 1024 * 1024));
            properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                seen.put(topic, new ArrayList<>());
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void poll(Duration timeout) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                seen.get(record.topic()).add(Seen.of(record, !record.topic().endsWith(".dlq")));
            }
        }

        List<Seen> of(String topic) {
            return seen.getOrDefault(topic, List.of());
        }

        List<JsonNode> json(String topic) {
            return of(topic).stream().map(Seen::json).filter(Objects::nonNull).toList();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
