package io.synthsmith.messages;

import io.synthsmith.messages.ids.Ids;
import java.time.Instant;
import java.util.Map;

/** Builds the {@link Rejected} message a stage writes when it decides against well-formed work. */
public final class Rejections {

    private Rejections() {
    }

    /**
     * A rejection of {@code subject} by {@code stage}. Its id derives from the stage, the subject's id and the
     * reason, so a redelivered subject yields the same rejection id and downstream readers can count it once.
     */
    public static Rejected of(String stage, Rejected.Reason reason, String detail, Envelope subject,
            Map<String, Object> evidence, Instant at) {
        String id = Ids.derive("rejected", stage, subject.id(), reason.wire());
        Lineage from = subject.lineage() == null ? Lineage.ofSeed(subject.id(), at) : subject.lineage();
        return new Rejected(Rejected.SCHEMA, subject.runId(), id, from.next(stage, subject.id(), id, at), at,
                stage, reason, detail, subject.id(), subject.schema(), evidence, null);
    }
}
