package org.zenmoon.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import java.util.stream.Collectors;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.infrastructure.persistence.UserAccounts;

/** Jakarta Security identity store over the {@code app_user} table with PBKDF2 password hashes. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    /** Checked against when the user does not exist, so that a wrong user name takes as long as a wrong password. */
    private static final String DUMMY_HASH = PasswordHash.hash("not-a-password".toCharArray());

    @Inject
    UserAccounts accounts;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        var user = accounts.findByUsername(credential.getCaller());
        String stored = user.map(AppUser::getPasswordHash).orElse(DUMMY_HASH);
        boolean ok = PasswordHash.verify(credential.getPassword().getValue(), stored);
        if (!ok || user.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> groups = user.get().getRoles().stream().map(Enum::name).collect(Collectors.toSet());
        return new CredentialValidationResult(user.get().getUsername(), groups);
    }
}
