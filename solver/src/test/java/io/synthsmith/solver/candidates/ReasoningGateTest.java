package io.synthsmith.solver.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.FinishReason;
import io.synthsmith.llm.TokenUsage;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.solver.config.SolverConfig;
import io.synthsmith.solver.scripted.TaskFixtures;
import org.junit.jupiter.api.Test;

/** Reasoning length is recorded, not a gate, unless a run asks for one, and then only where reasoning is returned. */
class ReasoningGateTest {

    private static final String CODE = "Read the pairs, sort, sweep.\n\n```python\nprint(1)\n```\n";
    private static final Candidate.TokenUsage USAGE = new Candidate.TokenUsage(10L, 100L, 80L);
    private final Task task = TaskFixtures.decode(TaskFixtures.codeforces("Gated"));

    private static ChatChoice choice(String reasoning, boolean hidden) {
        return new ChatChoice(0, CODE, reasoning, FinishReason.STOP, hidden, TokenUsage.NONE);
    }

    private static Candidate kept(Screening screening) {
        assertThat(screening).isInstanceOf(Screening.Kept.class);
        return ((Screening.Kept) screening).candidate();
    }

    @Test
    void byDefaultAReplyWithTwoThousandCharactersOfReasoningIsKeptAndItsLengthRecorded() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SolverConfig.class).build();
        int configured = config.getConfigMapping(SolverConfig.class).minReasoningChars();
        String reasoning = "Two pointers over the sorted prices; each step moves one end. ".repeat(33).substring(0, 2000);

        Candidate candidate = kept(new CandidateScreen(configured).screen(choice(reasoning, false), task,
                Language.PYTHON, "r1", "candidate-1", USAGE, true));

        assertThat(configured).isZero();
        assertThat(candidate.reasoningChars()).isEqualTo(2000);
        assertThat(candidate.reasoningHidden()).isNull();
    }

    @Test
    void aRunsGateDropsShortVisibleReasoningOnly() {
        CandidateScreen gate = new CandidateScreen(8000);

        Screening visible = gate.screen(choice("short thought", false), task, Language.PYTHON, "r1", "c", USAGE, true);
        Candidate hidden = kept(gate.screen(choice("", true), task, Language.PYTHON, "o4-mini", "c", USAGE, true));
        Candidate instruct = kept(gate.screen(choice("", false), task, Language.PYTHON, "instruct", "c", USAGE,
                false));

        assertThat(visible).isInstanceOfSatisfying(Screening.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(DropReason.SHORT_REASONING));
        assertThat(hidden.reasoningHidden()).isTrue();
        assertThat(hidden.reasoningChars()).isZero();
        assertThat(instruct.reasoningHidden()).isNull();
        assertThat(instruct.reasoningChars()).isZero();
    }
}
