package dev.scriptexecuter.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Micro WAR as built, on one Payara Micro that every test class using
 * this extension shares: started as the README starts it before the first
 * such class, killed when the test run (the JVM's JUnit session) ends. When
 * the suite runs on MariaDB or PostgreSQL ({@code -Dses.test.database=mariadb}
 * or {@code postgresql}) it is on a
 * database made afresh for the run, as it gets a fresh embedded H2 otherwise.
 * <p>
 * Sharing is safe because these classes never kill, restart or reconfigure
 * the server, and each one checks only what it made (its own scripts, users,
 * runs; names with a unique part), never a server-wide count. A class that
 * needs a server of its own, or other settings, starts a {@link MicroServer}
 * itself (RestartIT, ClusterIT, ...). It is a MicroServer, not Arquillian's
 * managed container: Payara Micro 7 now and then deadlocks while it boots, and
 * only MicroServer notices (its log stops) and starts it again.
 */
public class SharedServer implements BeforeAllCallback {

    private static volatile Shared shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root context's store closes what it holds when the whole test run ends
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, type -> shared = Shared.start(), Shared.class);
    }

    /** Where the shared server answers. */
    static URI uri() {
        return shared.server.uri();
    }

    /** The SMTP port the shared server sends e-mail alerts to (plain, user {@link #SMTP_USER}); nobody listens there but MailAlertsIT. */
    static int smtpPort() {
        return shared.smtpPort();
    }

    static final String SMTP_USER = "ses-alerts";
    static final String SMTP_PASSWORD = "smtp-password-for-the-tests";

    /** The server and its home, closed (killed, removed) at the end of the test run. */
    private record Shared(Path home, MicroServer server, int smtpPort) implements ExtensionContext.Store.CloseableResource {

        static Shared start() {
            try {
                Path home = Files.createTempDirectory("ses-it-");
                int smtpPort;
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    smtpPort = free.getLocalPort();
                }
                // the retention timer stays out of the way (classes purge when they mean to, and count what went)
                MicroServer server = new MicroServer(home, "-Dses.jwt.clock-skew=PT0S", "-Dses.env.index-url=none",
                        "-Dses.env.find-links=" + System.getProperty("ses.test.wheels"), "-Dses.retention.interval=PT24H",
                        // links in chat messages (WebhooksIT): the address people reach the dashboard at
                        "-Dses.public-url=http://dashboard.example.test/",
                        // incidents seen within a second, and late or slow after seconds, not minutes (IncidentsIT)
                        "-Dses.incident.check=PT1S", "-Dses.schedule.late-after=PT2S", "-Dses.incident.slow-floor=PT1S",
                        // e-mail alerts to the SMTP server MailAlertsIT starts
                        "-Dses.mail.host=127.0.0.1", "-Dses.mail.port=" + smtpPort, "-Dses.mail.security=none",
                        "-Dses.mail.user=" + SMTP_USER, "-Dses.mail.password=" + SMTP_PASSWORD,
                        "-Dses.mail.from=ses@example.test",
                        // an export of more runs than this is refused (RunExportIT makes that many, not 100,000)
                        "-Dses.runs.export-max-runs=" + RunExportIT.EXPORT_MAX);
                if (TestDatabase.suite().isPresent()) {
                    server.onDatabase(TestDatabase.server().recreate(TestDatabase.SUITE_DATABASE));
                }
                server.start();
                return new Shared(home, server, smtpPort);
            } catch (Exception e) {
                throw new IllegalStateException("The shared test server did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
