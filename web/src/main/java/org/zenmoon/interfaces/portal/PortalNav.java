package org.zenmoon.interfaces.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;

/** The portal's menu: a page's link shows only to those the access policy lets use the page. */
@Named
@RequestScoped
public class PortalNav {

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    /** The job monitor, for those who may run the tenant's jobs. */
    public boolean isJobs() {
        return permits(Permission.RUN_JOBS);
    }

    /** The accounts page, for those who manage the tenant's accounts. */
    public boolean isUsers() {
        return permits(Permission.MANAGE_USERS);
    }

    /** The recommender's A/B report, for those who may read the tenant's models. */
    public boolean isModels() {
        return permits(Permission.READ_MODELS);
    }

    /** The children page (cohorts, children, guardians, wearables), for those who may register children. */
    public boolean isChildren() {
        return permits(Permission.MANAGE_CHILDREN);
    }

    /** The settings page (retention, time zone), for those who may change the tenant's settings. */
    public boolean isSettings() {
        return permits(Permission.MANAGE_SETTINGS);
    }

    public String getUsername() {
        try {
            return callers.current().username();
        } catch (NotAuthenticatedException e) {
            return "";
        }
    }

    private boolean permits(Permission permission) {
        try {
            return policy.permits(callers.current(), permission);
        } catch (NotAuthenticatedException e) {
            return false;
        }
    }
}
