package io.synthsmith.messages.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.synthsmith.messages.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes pipeline messages as JSON. Reading checks, in order: the bytes are a JSON object, its
 * {@code schema} field names the expected type in a version this code reads, the published JSON Schema accepts
 * it, and it maps onto the record. Each failure is a {@link ContractViolation} that says what and where.
 * Unknown fields from newer producers are tolerated. Thread-safe; build one and share it.
 */
public final class MessageCodec {

    private static final int MAX_REPORTED_ERRORS = 5;

    private final ObjectMapper mapper;
    private final Map<MessageType, JsonSchema> schemas = new EnumMap<>(MessageType.class);

    public MessageCodec() {
        this.mapper = newMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(
                        MessageType.SCHEMA_BASE_URI, "classpath:" + MessageType.SCHEMA_RESOURCE_DIR)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (MessageType type : MessageType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(type.schemaUri()), config);
            schema.initializeValidators();
            schemas.put(type, schema);
        }
    }

    /** The Jackson mapper every SynthSmith component uses for messages (ISO instants, no nulls written). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a message of the given type, or says exactly why it breaks the contract. */
    public <T extends Envelope> T decode(MessageType type, byte[] bytes) throws ContractViolation {
        JsonNode node = parse(bytes);
        checkSchemaField(type, node);
        checkAgainstSchema(type, node);
        try {
            return castRecord(type, node);
        } catch (JsonProcessingException e) {
            throw new ContractViolation(ContractViolation.Kind.UNREADABLE, pathOf(e),
                    "valid " + type.schemaId() + " JSON that does not map onto the record: " + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Envelope> T castRecord(MessageType type, JsonNode node) throws JsonProcessingException {
        return (T) mapper.treeToValue(node, type.recordType());
    }

    /** The JSON Schema errors for a JSON tree of the given type, empty when it conforms. */
    public List<String> validate(MessageType type, JsonNode node) {
        return schemas.get(type).validate(node).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** Writes a message as UTF-8 JSON bytes. */
    public byte[] encode(Envelope message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + message.schema() + " " + message.id(), e);
        }
    }

    /** Writes a message as a JSON tree, for example to embed it in a rejection. */
    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /** Parses bytes as a JSON object, or says where they stop being one (the first step of {@link #decode}). */
    public JsonNode parse(byte[] bytes) throws ContractViolation {
        if (bytes == null || bytes.length == 0) {
            throw new ContractViolation(ContractViolation.Kind.NOT_JSON, null, "empty message: expected a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
                    : "";
            throw new ContractViolation(ContractViolation.Kind.NOT_JSON, null,
                    "not JSON" + where + ": " + firstLine(e instanceof JsonProcessingException jpe
                            ? jpe.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new ContractViolation(ContractViolation.Kind.NOT_JSON, null, "empty message: expected a JSON object");
        }
        if (!node.isObject()) {
            throw new ContractViolation(ContractViolation.Kind.NOT_AN_OBJECT, "$",
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    private static void checkSchemaField(MessageType expected, JsonNode node) throws ContractViolation {
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new ContractViolation(ContractViolation.Kind.MISSING_SCHEMA, "$.schema",
                    "required field 'schema' is missing or not a string: expected \"" + expected.schemaId() + "\"");
        }
        String value = schema.asText();
        if (value.equals(expected.schemaId())) {
            return;
        }
        int slash = value.indexOf('/');
        String name = slash < 0 ? value : value.substring(0, slash);
        if (name.equals(expected.schemaName())) {
            throw new ContractViolation(ContractViolation.Kind.UNSUPPORTED_VERSION, "$.schema",
                    "unsupported schema version \"" + value + "\": this consumer reads " + expected.schemaId());
        }
        throw new ContractViolation(ContractViolation.Kind.WRONG_SCHEMA, "$.schema",
                "wrong schema \"" + value + "\": this topic carries " + expected.schemaId());
    }

    private void checkAgainstSchema(MessageType type, JsonNode node) throws ContractViolation {
        Set<ValidationMessage> errors = schemas.get(type).validate(node);
        if (errors.isEmpty()) {
            return;
        }
        List<ValidationMessage> sorted = errors.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        ValidationMessage first = sorted.get(0);
        String field = jsonPath(first.getInstanceLocation().toString());
        if (first.getProperty() != null && "required".equals(first.getType())) {
            field = field + "." + first.getProperty();
        }
        String summary = sorted.stream().limit(MAX_REPORTED_ERRORS).map(ValidationMessage::getMessage)
                .collect(Collectors.joining("; "));
        if (sorted.size() > MAX_REPORTED_ERRORS) {
            summary += "; and " + (sorted.size() - MAX_REPORTED_ERRORS) + " more";
        }
        throw new ContractViolation(ContractViolation.Kind.SCHEMA_VIOLATION, field,
                "does not match " + type.schemaId() + ": " + summary);
    }

    /** A JSON pointer ({@code /content/samples/0}) as the JSON path users read ({@code $.content.samples[0]}). */
    private static String jsonPath(String pointer) {
        StringBuilder path = new StringBuilder("$");
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            path.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        return path.toString();
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder("$");
            for (var ref : jme.getPath()) {
                path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return path.toString();
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
