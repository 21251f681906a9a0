package io.synthsmith.solver.probe;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.ChatResult;
import io.synthsmith.llm.TokenUsage;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.candidates.Screening;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Asks a run's probe model for its attempts at a task: one request with {@code n} = the probe's attempts and the
 * candidates' prompt, each choice screened as a candidate is (the program in the run's language, its syntax, the
 * LeetCode class and method; no reasoning gate) into a {@link Solved.ProbeAttempt} with the program, or without one
 * and why. The answer never fails: a failed call (or a probe that cannot be reached as configured) gives
 * {@code attempts} attempts with finish reason {@code error} and the error, so the task goes on.
 */
public final class ProbeAttempts {

    private static final Logger LOG = Logger.getLogger(ProbeAttempts.class);

    private final ProbeClients clients;
    private final CandidateScreen screen;

    public ProbeAttempts(ProbeClients clients, CandidateScreen screen) {
        this.clients = clients;
        this.screen = screen;
    }

    /** The probe's attempts at {@code task}, asked with {@code candidateRequest} (its {@code n} replaced). */
    public CompletableFuture<Solved.Probe> ask(Task task, RunConfig.Probe probe, ChatRequest candidateRequest,
            Language language) {
        int attempts = probe.attempts() == null ? RunConfig.DEFAULT_PROBE_ATTEMPTS : probe.attempts();
        CompletableFuture<ChatResult> call;
        try {
            call = clients.forProbe(probe).chat(candidateRequest.withSamples(attempts)).toCompletableFuture();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((result, error) -> error == null ? answered(task, probe, result, attempts, language)
                : failed(task, probe, error, attempts, language));
    }

    /** What the probe's attempts cost: the sum of their token usage. */
    public static Lineage.Cost cost(Solved.Probe probe) {
        Lineage.Cost cost = Lineage.Cost.ZERO;
        for (Solved.ProbeAttempt attempt : probe.attempts()) {
            Candidate.TokenUsage usage = attempt.usage();
            if (usage != null) {
                cost = cost.plus(new Lineage.Cost(orZero(usage.promptTokens()), orZero(usage.completionTokens()),
                        usage.reasoningTokens(), 0));
            }
        }
        return cost;
    }

    private Solved.Probe answered(Task task, RunConfig.Probe probe, ChatResult result, int attempts,
            Language language) {
        List<Solved.ProbeAttempt> made = new ArrayList<>();
        int position = 0;
        for (ChatChoice choice : result.choices()) {
            position++;
            Candidate.TokenUsage usage = usage(choice.usage());
            String finish = choice.finishReason().name().toLowerCase(Locale.ROOT);
            String id = Ids.derive("probe", task.id(), String.valueOf(position));
            switch (screen.screen(choice, task, language, probe.model(), id, usage, false)) {
                case Screening.Kept kept -> made.add(new Solved.ProbeAttempt(language, kept.candidate().code(),
                        finish, null, usage));
                case Screening.Dropped dropped -> made.add(new Solved.ProbeAttempt(language, null, finish,
                        dropped.reason().wire() + ": " + dropped.detail(), usage));
            }
        }
        LOG.infof("task %s: probe %s answered %d of %d attempts, %d with a program (reply %s)", task.id(),
                probe.model(), made.size(), attempts, made.stream().filter(a -> a.code() != null).count(),
                String.join(",", result.responseIds()));
        return new Solved.Probe(probe.model(), made);
    }

    private static Solved.Probe failed(Task task, RunConfig.Probe probe, Throwable error, int attempts,
            Language language) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.infof("task %s: the probe call to model %s at %s failed; recorded and going on: %s", task.id(),
                probe.model(), probe.baseUrl(), why);
        return new Solved.Probe(probe.model(), Collections.nCopies(attempts,
                new Solved.ProbeAttempt(language, null, Solved.ProbeAttempt.CALL_FAILED, why, null)));
    }

    private static Candidate.TokenUsage usage(TokenUsage usage) {
        return new Candidate.TokenUsage(usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens().isPresent() ? usage.reasoningTokens().getAsLong() : null);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
