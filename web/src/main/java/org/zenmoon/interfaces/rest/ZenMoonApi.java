package org.zenmoon.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API, version 1 (../shared/API.md). */
@ApplicationPath(ZenMoonApi.PATH)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "ZenMoon API",
                        version = "1",
                        description =
                                "Children's wellness data for schools and clinics. All endpoints but the token endpoint need a bearer token."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ZenMoonApi extends Application {

    /** Where the API lies under the application's context path. */
    public static final String PATH = "/api/v1";

    /**
     * JSON-B everywhere: full Payara Server would otherwise serialise with MOXy, which turns numeric-looking
     * strings (an execution id) into numbers, so the two deployables would answer differently.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.disableMoxyJson", true);
    }
}
