package io.synthsmith.exporter.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.rl.RlRecords;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.statements.ProblemText;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export records of accepted tasks, built by the plain logic and checked against the published schemas. */
class TaskExportTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final AcceptedTasks tasks = new AcceptedTasks();
    private final PromptWriter prompts = new PromptWriter("{statement}\n\nWrite it in {language}.",
            "{statement}\n\nComplete in {language}:\n{signature}");
    private final TaskExport export = new TaskExport(new SftRecords(prompts),
            new RlRecords(prompts, "synthsmith/{runId}", "code", tasks.codec().mapper()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void byDefaultTheGoldenSolutionBecomesOneChatSampleWithThinkTagsAndTheTaskOneRlRecord() throws Exception {
        Accepted accepted = tasks.example().run("r1").build();

        List<TaskExport.Output> outputs = export.of(accepted);

        assertThat(outputs).extracting(TaskExport.Output::topic).containsExactly(Topic.EXPORT_SFT, Topic.EXPORT_RL);
        assertThat(outputs).extracting(TaskExport.Output::key).containsOnly(accepted.id());
        assertThat(outputs).allSatisfy(o -> assertThat(o.fileFormats()).containsExactly("parquet"));
        ExportSft sample = (ExportSft) outputs.get(0).message();
        var golden = accepted.verified().candidates().get(0).candidate();
        assertThat(sample.candidateId()).isEqualTo(golden.id());
        assertThat(sample.golden()).isTrue();
        assertThat(sample.format()).isEqualTo("messages");
        assertThat(sample.messages()).hasSize(2);
        assertThat(sample.messages().get(0).role()).isEqualTo("user");
        assertThat(sample.messages().get(0).content())
                .isEqualTo(ProblemText.render(accepted.verified().task()) + "\n\nWrite it in Python 3.")
                .startsWith(accepted.verified().task().statement().strip())
                .contains("Examples\n\nInput\n```\n5 2 3\n1 3 2\n2 5 1\n```\nOutput\n```\n3 3 2\n```");
        assertThat(sample.messages().get(1).content())
                .isEqualTo("<think>\n" + golden.reasoning().strip() + "\n</think>\n\n" + golden.answer().strip());
        assertThat(sample.lineage().seedIds()).isEqualTo(accepted.lineage().seedIds());
        assertThat(sample.lineage().trail().getLast().stage()).isEqualTo("exporter");
        assertThat(sample.lineage().trail().getLast().id()).isEqualTo(sample.id());
        assertValid(MessageType.EXPORT_SFT, sample);

        ExportRl rl = (ExportRl) outputs.get(1).message();
        assertThat(rl.dataSource()).isEqualTo("synthsmith/r1");
        assertThat(rl.prompt()).containsExactly(sample.messages().get(0));
        assertThat(rl.rewardModel().style()).isEqualTo("rule");
        JsonNode truth = tasks.codec().mapper().readTree(rl.rewardModel().groundTruth());
        assertThat(truth.get("inputs")).hasSize(accepted.verified().tests().size());
        assertThat(truth.get("inputs").get(0).asText()).isEqualTo(accepted.verified().tests().get(0).input());
        assertThat(truth.get("outputs").get(3).asText()).isEqualTo(accepted.verified().tests().get(3).output());
        assertThat(truth.has("fn_name")).isFalse();
        assertThat(truth.get("language").asText()).isEqualTo("python");
        assertThat(rl.extraInfo().testsKept()).isEqualTo(accepted.verified().tests().size());
        assertThat(rl.extraInfo().testsLabelled()).isEqualTo(accepted.verified().tests().size());
        assertThat(rl.extraInfo().maxTests()).isNull();
        assertThat(rl.extraInfo().taskId()).isEqualTo(accepted.id());
        assertThat(rl.extraInfo().runId()).isEqualTo("r1");
        assertThat(rl.extraInfo().difficulty()).isEqualTo(0.75);
        assertThat(rl.extraInfo().difficultyLevel().wire()).isEqualTo("medium");
        assertThat(rl.extraInfo().split()).isEqualTo("main");
        assertThat(rl.extraInfo().features()).isEqualTo(accepted.verified().task().features());
        assertValid(MessageType.EXPORT_RL, rl);
    }

    @Test
    void allPassingWithQueryResponseExportsEveryCandidateThatPassesEveryTestGoldenFirst() {
        Accepted accepted = tasks.example().export("""
                {"sftFormat": "query_response", "solutionsPerTask": 4, "solutionSelection": "all_passing",
                 "thinkTags": false, "fileFormats": ["parquet", "jsonl"]}""").build();

        List<ExportSft> samples = export.of(accepted).stream().map(TaskExport.Output::message)
                .filter(ExportSft.class::isInstance).map(ExportSft.class::cast).toList();

        // Candidates 1 and 3 pass every labelled test; candidate 2 passes a quarter of them.
        assertThat(samples).extracting(ExportSft::candidateId).containsExactly(
                "cand-01-6f1c2a9e0b7d4e5fa1c3b2d4", "cand-03-6f1c2a9e0b7d4e5fa1c3b2d4");
        assertThat(samples).extracting(ExportSft::golden).containsExactly(true, false);
        assertThat(samples).extracting(ExportSft::id).doesNotHaveDuplicates();
        ExportSft first = samples.get(0);
        assertThat(first.messages()).isNull();
        assertThat(first.query()).startsWith(accepted.verified().task().statement().strip());
        assertThat(first.response()).doesNotContain("<think>")
                .startsWith(accepted.verified().candidates().get(0).candidate().reasoning().strip());
        samples.forEach(s -> assertValid(MessageType.EXPORT_SFT, s));
    }

    @Test
    void solutionsPerTaskCapsTheSamples() {
        Accepted accepted = tasks.example().export("""
                {"solutionsPerTask": 1, "solutionSelection": "all_passing"}""").build();

        assertThat(export.of(accepted)).filteredOn(o -> o.topic() == Topic.EXPORT_SFT).hasSize(1);
    }

    @Test
    void leetCodeTasksCarryTheCallSignatureInThePromptAndTheGroundTruth() throws Exception {
        Accepted accepted = tasks.example().leetcode().tests(0, "nums = [1,2,3,0,3]", "0", "nums = [5,5]", "1").build();

        ExportRl rl = (ExportRl) export.of(accepted).getLast().message();

        assertThat(rl.prompt().get(0).content()).endsWith(
                "Complete in Python 3:\n```python\nclass Solution:\n    def balancedSplits(self, nums: List[int]) -> int:\n```");
        JsonNode truth = tasks.codec().mapper().readTree(rl.rewardModel().groundTruth());
        assertThat(truth.get("fn_name").asText()).isEqualTo("balancedSplits");
        assertThat(truth.get("inputs")).extracting(JsonNode::asText).containsExactly("[1,2,3,0,3]", "[5,5]");
        assertThat(truth.get("example_inputs")).extracting(JsonNode::asText)
                .containsExactly("nums = [1,2,3,0,3]", "nums = [5,5]");
        assertThat(truth.get("signature").get("parameters").get(0).get("type").asText()).isEqualTo("List[int]");
        assertThat(rl.extraInfo().style().wire()).isEqualTo("leetcode");
        assertValid(MessageType.EXPORT_RL, rl);
    }

    @Test
    void aLeetCodeTestWhoseValuesDoNotReadAsLiteralsKeepsTheExampleFormWithoutFnName() throws Exception {
        Accepted accepted = tasks.example().leetcode().tests(0, "nums = [1,2,3,0,3]", "0", "nums = [5,5", "1").build();

        JsonNode truth = tasks.codec().mapper().readTree(
                ((ExportRl) export.of(accepted).getLast().message()).rewardModel().groundTruth());

        assertThat(truth.has("fn_name")).as("verl's built-in reward would read it as stdin and score 0").isFalse();
        assertThat(truth.get("inputs")).extracting(JsonNode::asText).containsExactly("nums = [1,2,3,0,3]", "nums = [5,5");
        assertThat(truth.get("example_inputs")).isEqualTo(truth.get("inputs"));
    }

    @Test
    void theRunConfigurationChoosesTheDataSource() {
        ExportRl rl = (ExportRl) export.of(tasks.example().export("""
                {"dataSource": "codeforces", "license": "cc-by-4.0"}""").build()).getLast().message();

        assertThat(rl.dataSource()).isEqualTo("codeforces");
        assertThat(export.of(tasks.example().export("""
                {"license": "cc-by-4.0"}""").build())).allSatisfy(o -> assertThat(o.license()).isEqualTo("cc-by-4.0"));
    }

    @Test
    void aTaskEveryCandidateSolvedGoesToTheEasySplitUnlessTheRunKeepsItInMain() {
        ExportRl easy = (ExportRl) export.of(tasks.example().solvedByAll().build()).getLast().message();
        ExportRl kept = (ExportRl) export.of(tasks.example().solvedByAll().export("""
                {"easySplit": false}""").build()).getLast().message();

        assertThat(easy.extraInfo().split()).isEqualTo("easy");
        assertThat(kept.extraInfo().split()).isEqualTo("main");
    }

    @Test
    void theSynthLlmLevelOfATaskMadeFromADocumentReachesBothExportRecords() {
        Accepted example = tasks.example().build();
        Accepted accepted = new Accepted(example.schema(), example.runId(), example.id(),
                example.lineage().withSynthLlmLevel(2), example.createdAt(), example.verified(), example.dedup());

        List<TaskExport.Output> outputs = export.of(accepted);

        ExportSft sample = (ExportSft) outputs.get(0).message();
        ExportRl rl = (ExportRl) outputs.get(1).message();
        assertThat(sample.lineage().synthLlmLevel()).isEqualTo(2);
        assertThat(rl.lineage().synthLlmLevel()).isEqualTo(2);
        assertThat(sample.lineage().cost()).isNotNull();
        assertValid(MessageType.EXPORT_SFT, sample);
        assertValid(MessageType.EXPORT_RL, rl);
    }

    @Test
    void aGoldenCandidateMissingFromTheCandidatesIsAnErrorThatNamesBoth() {
        Accepted accepted = tasks.example().build();
        var verified = accepted.verified();
        var broken = new Accepted(accepted.schema(), accepted.runId(), accepted.id(), accepted.lineage(),
                accepted.createdAt(), new io.synthsmith.messages.Verified(verified.schema(), verified.runId(),
                        verified.id(), verified.lineage(), verified.createdAt(), verified.task(), verified.language(),
                        verified.tests(), new io.synthsmith.messages.Verified.Golden("cand-99", 1.0, 1.0),
                        verified.candidates(), verified.agreement(), verified.difficulty(), verified.execution()),
                accepted.dedup());

        assertThatThrownBy(() -> export.of(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cand-99").hasMessageContaining(accepted.id());
    }

    private void assertValid(MessageType type, Object record) {
        assertThat(tasks.codec().validate(type, tasks.codec().toTree(record))).as("schema errors").isEmpty();
    }
}
