package io.synthsmith.verifier.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.access.RequiresToken;
import io.synthsmith.verifier.sandbox.SandboxUnavailable;
import io.synthsmith.verifier.verification.TaskVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /verify}: a solved message in, the verified or rejected message the stream would write out. The
 * body is checked against the solved contract like a record on the topic, and verified by the same
 * {@link TaskVerifier}. It runs code, so it needs the bearer token when {@code synthsmith.api.token} is set. When
 * the sandbox cannot run programs it answers 503 SANDBOX_UNAVAILABLE, never a rejection.
 */
@Path("/verify")
public class VerifyResource {

    private final TaskVerifier verifier;
    private final MessageCodec codec;

    public VerifyResource(TaskVerifier verifier, MessageCodec codec) {
        this.verifier = verifier;
        this.codec = codec;
    }

    @POST
    @RequiresToken
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public Response verify(byte[] body) {
        Solved solved;
        try {
            solved = codec.decode(MessageType.SOLVED, body);
        } catch (ContractViolation violation) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", violation.kind().name());
            if (violation.field() != null) {
                error.put("field", violation.field());
            }
            error.put("message", violation.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).entity(error).build();
        }
        Envelope result;
        try {
            result = verifier.verify(solved).message();
        } catch (SandboxUnavailable unavailable) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", "SANDBOX_UNAVAILABLE");
            error.put("message", "the sandbox cannot run programs now, so the task was not judged: "
                    + unavailable.getMessage() + "; try again later");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "30").entity(error)
                    .build();
        }
        JsonNode json = codec.toTree(result);
        return Response.ok(json).build();
    }
}
