package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * Black-box tests against the Micro WAR as built (not a test archive), on the
 * server all such classes share ({@link SharedServer}: check only what the test
 * made); they talk to it over HTTP only. They run on embedded H2, and a second
 * time on MariaDB.
 */
@ExtendWith(SharedServer.class)
abstract class MicroIT {

    URL base;

    @BeforeEach
    void locateServer() throws MalformedURLException {
        base = SharedServer.uri().toURL();
    }

    URI uri() {
        return SharedServer.uri();
    }

    /** A client logged in as the bootstrap admin. */
    Api asAdmin() {
        return new Api(uri()).asAdmin();
    }
}
