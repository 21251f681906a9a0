package io.synthsmith.verifier.voting;

import io.synthsmith.verifier.sandbox.RunOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides a test's expected output from the candidates' runs. Voters are the candidates that ran without a
 * sandbox failure; a crash, time or memory limit is a vote for no output, which can never win. The most
 * printed output (after {@link OutputComparison}) is the label if it is the only one with that many votes, has at
 * least {@code minVotes} votes and at least {@code minShare} of the voters.
 */
public final class MajorityVote {

    private final double minShare;
    private final int minVotes;
    private final OutputComparison comparison;

    public MajorityVote(double minShare, int minVotes, OutputComparison comparison) {
        this.minShare = minShare;
        this.minVotes = minVotes;
        this.comparison = comparison;
    }

    public OutputComparison comparison() {
        return comparison;
    }

    /** The label of a test from each candidate's outcome on it. */
    public Label decide(List<RunOutcome> outcomes) {
        List<String> groupOutputs = new ArrayList<>();
        List<Integer> groupVotes = new ArrayList<>();
        int voters = 0;
        for (RunOutcome outcome : outcomes) {
            if (outcome instanceof RunOutcome.SandboxFailure) {
                continue;
            }
            voters++;
            if (outcome instanceof RunOutcome.Completed done) {
                String output = OutputComparison.normalize(done.stdout());
                int group = indexOf(groupOutputs, output);
                if (group < 0) {
                    groupOutputs.add(output);
                    groupVotes.add(1);
                } else {
                    groupVotes.set(group, groupVotes.get(group) + 1);
                }
            }
        }
        List<Label.Share> distribution = new ArrayList<>();
        for (int i = 0; i < groupOutputs.size(); i++) {
            distribution.add(new Label.Share(groupOutputs.get(i), groupVotes.get(i)));
        }
        distribution.sort(Comparator.comparingInt(Label.Share::votes).reversed()
                .thenComparing(Label.Share::output));
        if (distribution.isEmpty()) {
            return new Label.NoConsensus("no candidate printed an output", voters, distribution);
        }
        Label.Share top = distribution.get(0);
        if (distribution.size() > 1 && distribution.get(1).votes() == top.votes()) {
            return new Label.NoConsensus("tie between " + top.votes() + "-vote outputs", voters, distribution);
        }
        if (top.votes() < minVotes) {
            return new Label.NoConsensus(top.votes() + " votes for the top output, fewer than " + minVotes, voters,
                    distribution);
        }
        if ((double) top.votes() / voters < minShare) {
            return new Label.NoConsensus(top.votes() + " of " + voters + " voters is below the minimum share "
                    + minShare, voters, distribution);
        }
        return new Label.Decided(top.output(), top.votes(), voters, distribution);
    }

    private int indexOf(List<String> outputs, String output) {
        for (int i = 0; i < outputs.size(); i++) {
            if (comparison.same(outputs.get(i), output)) {
                return i;
            }
        }
        return -1;
    }
}
