package io.synthsmith.verifier.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With synthsmith.api.token set, POST /verify (it runs code) answers only callers that present the token. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@TestProfile(VerifyTokenTest.WithToken.class)
class VerifyTokenTest {

    /** A deployment that configured a token. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synthsmith.api.token", "s3cret-token");
        }
    }

    @Test
    void aCallerWithoutTheTokenIsRefusedAndToldHowToAuthenticate() {
        given().contentType("application/json").body("{}").post("/verify").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body(containsString("SYNTHSMITH_API_TOKEN"));
        given().contentType("application/json").header("Authorization", "Bearer wrong").body("{}").post("/verify")
                .then().statusCode(401);
    }

    @Test
    void aCallerWithTheTokenReachesTheEndpoint() {
        given().contentType("application/json").header("Authorization", "Bearer s3cret-token").body("{}")
                .post("/verify").then()
                .statusCode(400)
                .body(containsString("MISSING_SCHEMA"));
    }
}
