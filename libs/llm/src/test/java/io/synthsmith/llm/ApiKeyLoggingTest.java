package io.synthsmith.llm;

import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiKeyLoggingTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.synthsmith.llm");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logged.add(formatted + " " + record.getMessage() + " " + Arrays.toString(record.getParameters()) + " "
                    + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureEverything() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void restore() {
        logger.removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    @Test
    void neverLogsTheApiKeyEvenAtDebugThroughRetriesFallbacksAndFailures() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(
                ScriptRule.forStage("solver", ScriptedResponse.rateLimited(Duration.ZERO),
                        ScriptedResponse.httpError(500, "oops"), completion("fine").ignoringN(),
                        completion("second").ignoringN(), ScriptedResponse.httpError(401, "bad key"))))) {

            await(endpoint.client.chat(ChatRequest.of("system", "the prompt of this test").withSamples(2)));
            catchThrowableOfType(LlmException.Rejected.class,
                    () -> await(endpoint.client.chat(ChatRequest.of("system", "again"))));

            assertThat(logged).anySatisfy(line -> assertThat(line).contains("the prompt of this test"));
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("retry in"));
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("ignores n"));
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("HTTP 401"));
            assertThat(logged).noneSatisfy(line -> assertThat(line).contains(ScriptedEndpoint.API_KEY));
            assertThat(endpoint.client.settings().toString()).doesNotContain(ScriptedEndpoint.API_KEY)
                    .contains("<redacted>");
        }
    }
}
