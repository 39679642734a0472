package org.zenmoon.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalInt;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.zenmoon.infrastructure.persistence.SchemaVersion;
import org.zenmoon.infrastructure.persistence.ZenMoonDatabase;
import org.zenmoon.interfaces.security.SigningKey;

/**
 * Ready means: the database answers, its schema is the one this build expects, the demo data is not being written
 * (first start of the run command), and tokens can be signed.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());

    @Inject
    ZenMoonDatabase database;

    @Inject
    SigningKey signingKey;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r =
                HealthCheckResponse.named("database").withData("expectedSchemaVersion", SchemaVersion.EXPECTED);
        try {
            OptionalInt applied = database.appliedSchemaVersion();
            r.withData("appliedSchemaVersion", applied.isPresent() ? String.valueOf(applied.getAsInt()) : "none");
            boolean current = applied.isPresent() && applied.getAsInt() == SchemaVersion.EXPECTED;
            if (!current) {
                r.withData("problem", "migrations are not current: run the launcher's migrate command");
            }
            if (!signingKey.usable()) {
                r.withData("tokenSigning", signingKey.problem());
            }
            boolean seeding = current && database.demoDataBeingWritten();
            if (seeding) {
                r.withData("problem", "the demo data is being written: ready when the launcher prints its banner");
            }
            return r.status(current && signingKey.usable() && !seeding).build();
        } catch (Exception e) {
            LOG.warning(() -> "Readiness: the database is unreachable: " + e);
            return r.down()
                    .withData("problem", "database unreachable: see the server log")
                    .build();
        }
    }
}
