package io.synthsmith.evolver.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import org.junit.jupiter.api.Test;

/** The resolved configuration that requests and tasks carry keeps the run schema, so downstream stages admit it. */
class ResolvedRunConfigTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void theDefaultsOfARunEncodeToAValidRunConfiguration() throws Exception {
        RunConfig resolved = RunConfig.defaults("r1");

        assertThat(codec.validate(MessageType.RUN, codec.mapper().readTree(codec.encode(resolved)))).isEmpty();
        RunConfig decoded = codec.decode(MessageType.RUN, codec.encode(resolved));
        assertThat(decoded.models().solver()).isEmpty();
        assertThat(decoded.withDefaults()).isEqualTo(resolved);
    }
}
