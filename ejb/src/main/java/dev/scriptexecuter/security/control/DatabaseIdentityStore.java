package dev.scriptexecuter.security.control;

import dev.scriptexecuter.security.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Optional;
import java.util.Set;

/**
 * Checks usernames and passwords against the accounts in the database. An
 * unknown or disabled account costs as much time as a wrong password and
 * gives the same answer.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @Inject
    UserDirectory users;

    @Inject
    PasswordHasher hasher;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String password = credential.getPasswordAsString();
        Optional<User> user = users.enabled(credential.getCaller());
        if (user.isEmpty()) {
            hasher.matchNothing(password);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (!hasher.matches(password, user.get().passwordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        users.recordLogin(user.get().id());
        return new CredentialValidationResult(user.get().username(), Set.of(user.get().role().groupName()));
    }
}
