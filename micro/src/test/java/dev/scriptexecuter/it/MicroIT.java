package dev.scriptexecuter.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Black-box tests against the Micro WAR as built (not a test archive), which
 * Arquillian deploys on Payara Micro once per test class; they talk to it over
 * HTTP only. They run on embedded H2, and a second time on MariaDB.
 */
@ExtendWith({PreviousServerGone.class, FreshDatabase.class, ArquillianExtension.class})
@RunAsClient
abstract class MicroIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MicroWar.packaged();
    }

    URI uri() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client logged in as the bootstrap admin. */
    Api asAdmin() {
        return new Api(uri()).asAdmin();
    }
}
