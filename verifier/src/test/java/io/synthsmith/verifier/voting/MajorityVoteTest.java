package io.synthsmith.verifier.voting;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Majority voting on hand-made candidate outcomes. */
class MajorityVoteTest {

    private final MajorityVote vote = new MajorityVote(0.5, 2, OutputComparison.exact());

    @Test
    void theMajorityOutputIsTheLabelAfterNormalisingWhitespace() {
        Label label = vote.decide(List.of(out("3 3 2\n"), out("3 3 2  \r\n\n"), out("3 3 1\n")));
        assertThat(label).isEqualTo(new Label.Decided("3 3 2", 2, 3,
                List.of(new Label.Share("3 3 2", 2), new Label.Share("3 3 1", 1))));
    }

    @Test
    void aCorrelatedWrongMajorityWinsTheVoteItIsLeftToGoldenSelectionAndSamplesToCatchIt() {
        Label label = vote.decide(List.of(out("wrong"), out("wrong"), out("wrong"), out("right"), out("right")));
        assertThat(label).isInstanceOfSatisfying(Label.Decided.class, decided -> {
            assertThat(decided.output()).isEqualTo("wrong");
            assertThat(decided.share()).isEqualTo(0.6);
        });
    }

    @Test
    void aTieIsNotGuessed() {
        assertThat(vote.decide(List.of(out("1"), out("1"), out("2"), out("2"))))
                .isInstanceOfSatisfying(Label.NoConsensus.class, none -> assertThat(none.why()).contains("tie"));
    }

    @Test
    void crashesVoteForNoOutputAndCanSinkTheShare() {
        RunOutcome crash = new RunOutcome.RuntimeError("exit status 1", RunStats.NONE);
        RunOutcome slow = new RunOutcome.TimeLimit(RunStats.NONE);
        assertThat(vote.decide(List.of(out("7"), out("7"), crash, slow, crash)))
                .isInstanceOfSatisfying(Label.NoConsensus.class, none -> {
                    assertThat(none.voters()).isEqualTo(5);
                    assertThat(none.why()).contains("below the minimum share");
                });
        assertThat(vote.decide(List.of(out("7"), out("7"), crash))).isInstanceOf(Label.Decided.class);
    }

    @Test
    void sandboxFailuresAreNotVoters() {
        RunOutcome failure = new RunOutcome.SandboxFailure("runner died", RunStats.NONE);
        assertThat(vote.decide(List.of(out("7"), out("7"), failure, failure, failure)))
                .isInstanceOfSatisfying(Label.Decided.class, decided -> assertThat(decided.voters()).isEqualTo(2));
    }

    @Test
    void aLoneOutputHasTooFewVotes() {
        assertThat(vote.decide(List.of(out("7")))).isInstanceOf(Label.NoConsensus.class);
    }

    @Test
    void floatingPointToleranceGroupsCloseNumbersButNotDifferentShapes() {
        MajorityVote tolerant = new MajorityVote(0.5, 2, new OutputComparison(Optional.of(1e-6)));
        assertThat(tolerant.decide(List.of(out("0.3333333"), out("0.33333331"), out("0.5"))))
                .isInstanceOfSatisfying(Label.Decided.class, decided -> assertThat(decided.agreeing()).isEqualTo(2));
        assertThat(new OutputComparison(Optional.of(1e-6)).same("[1.0,2.0]", "[1.0]\n[2.0]")).isFalse();
        assertThat(OutputComparison.exact().same("0.3333333", "0.33333331")).isFalse();
    }

    private static RunOutcome out(String stdout) {
        return new RunOutcome.Completed(stdout, RunStats.NONE);
    }
}
