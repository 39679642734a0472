package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Set;
import org.zenmoon.domain.model.consent.ConsentRepository;
import org.zenmoon.domain.model.consent.ConsentScope;

/**
 * The one consent check: nothing is stored for a child without active {@link ConsentScope#COLLECTION} consent,
 * and no job includes a child without active {@link ConsentScope#ANALYSIS} consent. Runs inside the calling
 * service's transaction, whose tenant and access are already settled: package-private, so that only services
 * reach it. A withdrawal takes effect for the next call, at once.
 */
@Dependent
class ConsentCheck {

    @Inject
    ConsentRepository consents;

    /** @throws ForbiddenException (403) when the child has no active consent for {@code scope} */
    void requireActive(String childId, ConsentScope scope) {
        if (!isActive(childId, scope)) {
            throw ForbiddenException.because("The child has no active " + scope.label() + " consent.");
        }
    }

    boolean isActive(String childId, ConsentScope scope) {
        return consents.active(childId, scope).isPresent();
    }

    /** The tenant's children with active consent for {@code scope}: what a job may include. */
    Set<String> childrenWithActive(ConsentScope scope) {
        return consents.childrenWithActive(scope);
    }
}
