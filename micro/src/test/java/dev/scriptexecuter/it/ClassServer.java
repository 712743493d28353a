package dev.scriptexecuter.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Micro WAR as built, on a Payara Micro of the test class's own, started
 * as the README starts it before the class and killed after it; when the
 * suite runs on MariaDB ({@code -Dses.test.database=mariadb}) on a database
 * made afresh for the class, as it gets a fresh embedded H2 otherwise. It is a {@link MicroServer}, not Arquillian's
 * managed container: Payara Micro 7 now and then deadlocks while it boots,
 * and only MicroServer notices (its log stops) and starts it again, where the
 * connector waited out its timeout and failed the class (twice in CI).
 */
public class ClassServer implements BeforeAllCallback, AfterAllCallback {

    private static Path home;
    private static MicroServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("ses-it-");
        server = new MicroServer(home, "-Dses.jwt.clock-skew=PT0S", "-Dses.env.index-url=none",
                "-Dses.env.find-links=" + System.getProperty("ses.test.wheels"));
        if ("mariadb".equals(System.getProperty("ses.test.database"))) {
            server.onMariaDb(FreshDatabase.recreate(System.getProperty("ses.test.mariadb.database", "ses_it")));
        }
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Where the running class's server answers. */
    static URI uri() {
        return server.uri();
    }
}
