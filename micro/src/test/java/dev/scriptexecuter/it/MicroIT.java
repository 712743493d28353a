package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * Black-box tests against the Micro WAR as built (not a test archive), on a
 * server of their own per test class ({@link ClassServer}); they talk to it
 * over HTTP only. They run on embedded H2, and a second time on MariaDB.
 */
@ExtendWith(ClassServer.class)
abstract class MicroIT {

    URL base;

    @BeforeEach
    void locateServer() throws MalformedURLException {
        base = ClassServer.uri().toURL();
    }

    URI uri() {
        return ClassServer.uri();
    }

    /** A client logged in as the bootstrap admin. */
    Api asAdmin() {
        return new Api(uri()).asAdmin();
    }
}
