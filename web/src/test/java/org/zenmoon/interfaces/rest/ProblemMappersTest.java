package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.ConflictException;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Permission;
import org.zenmoon.interfaces.http.RequestIdFilter;

/** Every failure becomes a problem document with the status a client can act on, and never shows internals. */
class ProblemMappersTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static JsonObject body(Response r) {
        assertThat(r.getMediaType().toString()).isEqualTo(Problems.MEDIA_TYPE);
        return Json.createReader(new StringReader((String) r.getEntity())).readObject();
    }

    private static Response map(Throwable t) {
        return new ProblemMappers.Everything().toResponse(t);
    }

    @Test
    void wallsAnswerNotFoundAndMissingPermissionsForbidden() {
        Response notFound = map(new NotFoundException("Child"));
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(body(notFound).getString("detail")).isEqualTo("Child not found");

        // An EJB may wrap what the service threw; the client still sees the service's answer.
        assertThat(map(new EJBException(new NotFoundException("Cohort"))).getStatus())
                .isEqualTo(404);

        Response forbidden = map(new ForbiddenException(Permission.RUN_JOBS));
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(body(forbidden).getString("detail")).isEqualTo("This account may not run jobs");

        assertThat(map(new NotAuthenticatedException()).getStatus()).isEqualTo(401);
    }

    @Test
    void malformedBodiesAreBadRequests() {
        Response r = map(new jakarta.ws.rs.ProcessingException(new JsonbException("Unexpected char")));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).getString("detail")).doesNotContain("Unexpected char");
    }

    @Test
    void protocolErrorsKeepTheirStatus() {
        Response r = map(new NotAllowedException("GET"));
        assertThat(r.getStatus()).isEqualTo(405);
        assertThat(body(r).getInt("status")).isEqualTo(405);
    }

    @Test
    void unexpectedFailuresAre500WithAReferenceAndNoMessage() {
        Response r = map(new IllegalStateException(
                "check violated (child_id)=(c-1) pseudonym Otter-7", new SQLException("boom", "23514")));
        assertThat(r.getStatus()).isEqualTo(500);
        String detail = body(r).getString("detail");
        assertThat(detail).matches("Unexpected failure; reference [0-9a-f-]{36}\\.");
        assertThat(detail).doesNotContain("Otter").doesNotContain("violated");
    }

    @Test
    void aRaceForAUniqueNameIsAConflictThatQuotesNothing() {
        Response r = map(new EJBException(new IllegalStateException(
                "duplicate key (tenant_id, pseudonym)=(t, Otter-7)",
                new SQLException("duplicate key Otter-7", "23505"))));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(body(r).getString("detail")).doesNotContain("Otter").doesNotContain("duplicate");
    }

    @Test
    void aServiceRuleNamesTheFieldLikeValidationAndAClashIsAConflict() {
        Response invalid = map(new InvalidInputException("password", "must not contain the user name"));
        assertThat(invalid.getStatus()).isEqualTo(400);
        JsonObject error = body(invalid).getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo("password");
        assertThat(error.getString("message")).isEqualTo("must not contain the user name");

        Response conflict = map(new ConflictException("The user name is taken."));
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(body(conflict).getString("detail")).isEqualTo("The user name is taken.");
        assertThat(map(new EJBException(ForbiddenException.because("The child has no active collection consent.")))
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void theReferenceOfA500IsTheRequestsId() {
        ProblemMappers.Everything mapper = new ProblemMappers.Everything();
        mapper.request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                        method.getName().equals("getAttribute") && RequestIdFilter.ATTRIBUTE.equals(args[0])
                                ? "req-7f3a"
                                : null);
        Response r = mapper.toResponse(new IllegalStateException("boom"));
        assertThat(body(r).getString("detail")).isEqualTo("Unexpected failure; reference req-7f3a.");
    }

    @Test
    void theLogLineNamesClassesAndSqlStatesButNoMessage() {
        String logged = ProblemMappers.describe(
                new IllegalStateException("pseudonym Otter-7", new SQLException("child Otter-7 exists", "23505")));
        assertThat(logged)
                .contains("java.lang.IllegalStateException", "java.sql.SQLException [SQLState 23505]")
                .doesNotContain("Otter");
    }

    @Test
    void everyInvalidFieldOfATokenRequestIsListed() {
        var violations = VALIDATOR.validate(new AuthResource.TokenRequest(" ", null));
        Response r = ProblemMappers.violations(new jakarta.validation.ConstraintViolationException(violations));
        assertThat(r.getStatus()).isEqualTo(400);
        List<String> fields = body(r).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field"))
                .sorted()
                .toList();
        assertThat(fields).containsExactly("password", "username");
    }

    @Test
    void aTokenRequestRefusesControlCharactersAndOverlongNames() {
        assertThat(VALIDATOR.validate(new AuthResource.TokenRequest("counsellor", "demo")))
                .isEmpty();
        assertThat(VALIDATOR.validate(new AuthResource.TokenRequest("coun\u0000sellor", "demo")))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("username");
        assertThat(VALIDATOR.validate(new AuthResource.TokenRequest("x".repeat(101), "demo")))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("username");
        assertThat(VALIDATOR.validate(new AuthResource.TokenRequest("counsellor", "p".repeat(201))))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("password");
    }
}
