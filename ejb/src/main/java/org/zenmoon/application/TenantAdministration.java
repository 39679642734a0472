package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantKind;
import org.zenmoon.domain.model.tenant.TenantRepository;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * The platform admin's side: a school or clinic is created together with its first tenant admin, who then sets up
 * everything else of the tenant. Not tenant-bound: the platform admin belongs to no tenant and reads no tenant's
 * data, only the tenants themselves.
 */
@Stateless
@Requires(Permission.MANAGE_TENANTS)
public class TenantAdministration {

    /** A new tenant and its first admin's account. */
    public record NewTenant(
            String name,
            TenantKind kind,
            String legalRegime,
            int retentionDays,
            String adminUsername,
            String adminPassword) {}

    public record Created(String tenantId, String adminUserId) {}

    public record TenantView(
            String tenantId, String name, TenantKind kind, String legalRegime, int retentionDays, Instant createdAt) {}

    @Inject
    TenantRepository tenants;

    @Inject
    UserRepository users;

    @Inject
    AccessPolicy policy;

    public Created create(NewTenant request) {
        UserAdministration.requireAcceptable("adminPassword", request.adminUsername(), request.adminPassword());
        if (tenants.nameTaken(request.name())) {
            throw new ConflictException("A tenant with this name exists already.");
        }
        if (users.findByUsernameIgnoringCase(request.adminUsername()).isPresent()) {
            throw new ConflictException("The user name is taken.");
        }
        String tenantId = UUID.randomUUID().toString();
        tenants.add(
                new Tenant(tenantId, request.name(), request.kind(), request.legalRegime(), request.retentionDays()));
        String adminId = UUID.randomUUID().toString();
        users.add(new AppUser(
                adminId,
                tenantId,
                request.adminUsername(),
                PasswordHash.hash(request.adminPassword().toCharArray()),
                policy.firstAdminRoles(),
                null));
        return new Created(tenantId, adminId);
    }

    public List<TenantView> list() {
        return tenants.all().stream()
                .map(t -> new TenantView(
                        t.getId(),
                        t.getName(),
                        t.getKind(),
                        t.getLegalRegime(),
                        t.getRetentionDays(),
                        t.getCreatedAt()))
                .toList();
    }
}
