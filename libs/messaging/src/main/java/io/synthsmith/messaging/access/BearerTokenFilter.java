package io.synthsmith.messaging.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Refuses requests to {@link RequiresToken} endpoints that lack the configured bearer token. */
@Provider
@RequiresToken
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    // Quarkus REST builds providers at static init, before configuration mappings exist: resolve on first use.
    private final Instance<ApiConfig> config;
    private volatile Optional<byte[]> token;

    public BearerTokenFilter(Instance<ApiConfig> config) {
        this.config = config;
    }

    void announce(@Observes StartupEvent started) {
        if (token().isEmpty()) {
            LOG.warn("synthsmith.api.token is not set: endpoints that change state or run code accept any caller;"
                    + " set SYNTHSMITH_API_TOKEN outside a local run");
        }
    }

    private Optional<byte[]> token() {
        if (token == null) {
            token = config.get().token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        }
        return token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<byte[]> expected = token();
        if (expected.isEmpty()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean granted = header != null && header.startsWith(BEARER) && MessageDigest.isEqual(expected.get(),
                header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8));
        if (!granted) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"this endpoint needs 'Authorization: Bearer <token>' with the token configured"
                            + " as synthsmith.api.token (SYNTHSMITH_API_TOKEN)\"}")
                    .build());
        }
    }
}
