package org.zenmoon.interfaces.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.interfaces.security.ZenMoonAuthentication;

/** The portal's log-in form. */
@Named
@RequestScoped
public class LoginPage {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    Accounts accounts;

    private String username;
    private String password;

    public String login() throws IOException {
        ExternalContext ext = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ext.getRequest();
        if (!Accounts.plausibleUsername(username)) {
            ext.setResponseStatus(HttpServletResponse.SC_BAD_REQUEST);
            error("A user name is 1 to 100 characters, without control characters.");
            return null;
        }
        // The mechanism gives the session a new id on success (against fixation).
        AuthenticationStatus status = securityContext.authenticate(
                request,
                (HttpServletResponse) ext.getResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, new Password(password))));
        if (status == AuthenticationStatus.SUCCESS) {
            ext.redirect(ext.getRequestContextPath() + "/portal/cohort.xhtml");
            faces.responseComplete();
            return null;
        }
        boolean throttled = request.getAttribute(ZenMoonAuthentication.LOGIN_OUTCOME) instanceof Accounts.LogIn login
                && login.outcome() == Accounts.LogIn.Outcome.THROTTLED;
        error(
                throttled
                        ? "Too many failed log-ins. Please wait a few minutes and try again."
                        : "Wrong user name or password.");
        return null;
    }

    /** Ends this session, and with it every other session and API token of the account. */
    public String logout() throws ServletException {
        ExternalContext ext = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ext.getRequest();
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            accounts.logOut(principal.getName());
        }
        request.logout();
        ext.invalidateSession();
        return "/login.xhtml?faces-redirect=true";
    }

    private void error(String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
