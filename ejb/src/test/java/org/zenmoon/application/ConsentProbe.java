package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.consent.ConsentScope;

/** Test code: a service that runs the consent check the way the ingestion service will, before storing anything. */
@Stateless
@TenantBound
@Requires(Permission.READ_CHILDREN)
public class ConsentProbe {

    @Inject
    ConsentCheck check;

    public void beforeStoring(String childId) {
        check.requireActive(childId, ConsentScope.COLLECTION);
    }
}
