package io.synthsmith.messages.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Seed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ContractViolation violationOf(String text) {
        return catchThrowableOfType(ContractViolation.class, () -> codec.decode(MessageType.SEED, json(text)));
    }

    @Test
    void readsAMinimalCodeSeedAsAKcatUserWouldWriteIt() throws ContractViolation {
        Seed seed = codec.decode(MessageType.SEED, json("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1",
                 "content":{"kind":"code","language":"python","snippet":"print(1)"}}"""));

        assertThat(seed.content()).isEqualTo(new Seed.Code("print(1)", "python", null));
        assertThat(seed.lineage()).isNull();
    }

    @Test
    void intakeFillsLineageAndCreationTime() throws ContractViolation {
        Seed seed = codec.decode(MessageType.SEED, json("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1",
                 "content":{"kind":"document","title":"Tries","text":"A trie stores strings by prefix."}}"""));
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        Seed taken = seed.onIntake(now);

        assertThat(taken.createdAt()).isEqualTo(now);
        assertThat(taken.lineage().seedIds()).containsExactly("s1");
        assertThat(taken.lineage().trail()).containsExactly(new Lineage.StageMark("seed", "s1", now));
    }

    @Test
    void toleratesUnknownFieldsFromNewerProducers() throws ContractViolation {
        Seed seed = codec.decode(MessageType.SEED, json("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1","priority":7,
                 "content":{"kind":"code","language":"cpp","snippet":"int main(){}","licence":"mit"}}"""));

        assertThat(seed.id()).isEqualTo("s1");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        ContractViolation v = violationOf("""
                {"schema":"synthsmith.seed/v1","runId":"r1","content":{"kind":"code","language":"python","snippet":"x"}}""");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.SCHEMA_VIOLATION);
        assertThat(v.field()).isEqualTo("$.id");
        assertThat(v.getMessage()).contains("id");
    }

    @Test
    void aMissingNestedFieldIsNamed() {
        ContractViolation v = violationOf("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1","content":{"kind":"code","language":"python"}}""");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.SCHEMA_VIOLATION);
        assertThat(v.getMessage()).contains("snippet");
    }

    @Test
    void blankCodeBreaksTheContract() {
        ContractViolation v = violationOf("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1","content":{"kind":"code","language":"python","snippet":"   \\n "}}""");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.SCHEMA_VIOLATION);
        assertThat(v.getMessage()).contains("snippet");
    }

    @Test
    void notJsonSaysWhere() {
        ContractViolation v = violationOf("{\"schema\": \"synthsmith.seed/v1\", oops");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.NOT_JSON);
        assertThat(v.getMessage()).startsWith("not JSON at line 1, column");
    }

    @Test
    void binaryBytesAreNotJson() {
        ContractViolation v = catchThrowableOfType(ContractViolation.class,
                () -> codec.decode(MessageType.SEED, new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0x88}));

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.NOT_JSON);
    }

    @Test
    void anArrayIsNotAMessage() {
        assertThat(violationOf("[1,2]").kind()).isEqualTo(ContractViolation.Kind.NOT_AN_OBJECT);
    }

    @Test
    void anEmptyMessageIsNotJson() {
        assertThat(violationOf("").kind()).isEqualTo(ContractViolation.Kind.NOT_JSON);
    }

    @Test
    void anotherTopicsMessageIsTheWrongSchema() {
        ContractViolation v = violationOf("{\"schema\":\"synthsmith.task/v1\",\"runId\":\"r\",\"id\":\"t\"}");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.WRONG_SCHEMA);
        assertThat(v.getMessage()).contains("synthsmith.task/v1").contains("synthsmith.seed/v1");
    }

    @Test
    void aNewerVersionIsNamedAsUnsupported() {
        ContractViolation v = violationOf("{\"schema\":\"synthsmith.seed/v2\",\"runId\":\"r\",\"id\":\"s\"}");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.UNSUPPORTED_VERSION);
        assertThat(v.getMessage()).contains("synthsmith.seed/v2").contains("reads synthsmith.seed/v1");
    }

    @Test
    void aMissingSchemaFieldIsNamed() {
        ContractViolation v = violationOf("{\"runId\":\"r\",\"id\":\"s\"}");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.MISSING_SCHEMA);
        assertThat(v.field()).isEqualTo("$.schema");
    }

    @Test
    void anUnknownSeedKindIsRejected() {
        ContractViolation v = violationOf("""
                {"schema":"synthsmith.seed/v1","runId":"r1","id":"s1","content":{"kind":"video","url":"x"}}""");

        assertThat(v.kind()).isEqualTo(ContractViolation.Kind.SCHEMA_VIOLATION);
        assertThat(v.getMessage()).contains("kind");
    }

    @Test
    void idsThatCannotBeKafkaKeysOrFileNamesAreRejected() {
        ContractViolation v = violationOf("""
                {"schema":"synthsmith.seed/v1","runId":"../etc","id":"s1","content":{"kind":"code","language":"c","snippet":"x"}}""");

        assertThat(v.field()).isEqualTo("$.runId");
    }

    @Test
    void writesIsoInstantsAndLeavesOutNulls() {
        Seed seed = new Seed(Seed.SCHEMA, "r1", "s1", null, Instant.parse("2026-11-21T10:00:00Z"),
                new Seed.Code("print(1)", "python", null));

        String written = new String(codec.encode(seed), StandardCharsets.UTF_8);

        assertThat(written).contains("\"createdAt\":\"2026-11-21T10:00:00Z\"")
                .contains("\"kind\":\"code\"")
                .doesNotContain("problem").doesNotContain("lineage");
    }
}
