package dev.scriptexecuter.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A database server the integration tests make their databases on, MariaDB or
 * PostgreSQL: the one {@code -Dses.test.<kind>.server=host:port} names (with an
 * account that may create databases and users, {@code ses.test.<kind>.adminUser}
 * and {@code adminPassword}), else one the tests start themselves for the test
 * run ({@link StartedDatabase}), which needs nothing installed or configured.
 * Each server is looked up or started once per test JVM, when a test first asks.
 */
final class TestDatabase {

    /** The databases a server under test can run on besides embedded H2. */
    enum Kind {
        MARIADB("root", "mariadb-java-client.jar"),
        POSTGRESQL("postgres", "postgresql.jar");

        private final String defaultAdmin;
        private final String driver;

        Kind(String defaultAdmin, String driver) {
            this.defaultAdmin = defaultAdmin;
            this.driver = driver;
        }

        /** As in property names, JDBC URLs and config file names: mariadb, postgresql. */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The Payara Micro post-boot file that points the server at this database (config/payara). */
        String postBootFile() {
            return "post-boot-" + id() + ".asadmin";
        }

        /** The JDBC driver the build copied next to the WAR, for Payara Micro's --addLibs. */
        Path driverJar() {
            return Path.of(System.getProperty("ses.test.jdbcDrivers")).resolve(driver);
        }

        /** The kind of a JDBC URL of the server under test. */
        static Kind of(String jdbcUrl) {
            for (Kind kind : values()) {
                if (jdbcUrl.startsWith("jdbc:" + kind.id() + ":")) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Not a MariaDB or PostgreSQL URL: " + jdbcUrl);
        }
    }

    /** The database the shared server of a MariaDB or PostgreSQL run uses, made afresh for the run. */
    static final String SUITE_DATABASE = "ses_it";

    private static final Map<Kind, TestDatabase> SERVERS = new EnumMap<>(Kind.class);

    private final Kind kind;
    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    TestDatabase(Kind kind, String host, int port, String adminUser, String adminPassword) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** The server of this kind for the tests: the configured one, else one started now (once per JVM). */
    static synchronized TestDatabase of(Kind kind) {
        return SERVERS.computeIfAbsent(kind, k -> configured(k).orElseGet(() -> StartedDatabase.start(k)));
    }

    /** The database the suite runs on ({@code -Dses.test.database=mariadb|postgresql}); empty on embedded H2. */
    static Optional<Kind> suite() {
        String database = System.getProperty("ses.test.database", "").strip();
        return database.isEmpty() || database.equals("h2") ? Optional.empty()
                : Optional.of(Kind.valueOf(database.toUpperCase(Locale.ROOT)));
    }

    /** For tests that need a database server (several nodes, an outage): the suite's, MariaDB on an H2 run. */
    static TestDatabase server() {
        return of(suite().orElse(Kind.MARIADB));
    }

    private static Optional<TestDatabase> configured(Kind kind) {
        String server = System.getProperty("ses.test." + kind.id() + ".server", "").strip();
        if (server.isEmpty()) {
            return Optional.empty();
        }
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("ses.test." + kind.id() + ".server is host:port, not '" + server + "'");
        }
        return Optional.of(new TestDatabase(kind, server.substring(0, colon),
                Integer.parseInt(server.substring(colon + 1)),
                System.getProperty("ses.test." + kind.id() + ".adminUser", kind.defaultAdmin),
                System.getProperty("ses.test." + kind.id() + ".adminPassword", "")));
    }

    Kind kind() {
        return kind;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The account that may create databases and users (the tests' own server: root or postgres, no password). */
    String adminUser() {
        return adminUser;
    }

    String adminPassword() {
        return adminPassword;
    }

    /** The account a server under test connects with; the tests create it (Payara's pools need a password). */
    static String user() {
        return System.getProperty("ses.test.database.user", "ses_test");
    }

    static String password() {
        return System.getProperty("ses.test.database.password", "ses-test-only");
    }

    /** The JDBC URL of a database on this server, as a server under test is given it (no parameters). */
    String url(String database) {
        return "jdbc:" + kind.id() + "://" + host + ":" + port + "/" + database;
    }

    /** A connection as the administrative account, to {@code database} (or the server's default when null). */
    Connection admin(String database) throws SQLException {
        String name = database != null ? database : kind == Kind.POSTGRESQL ? "postgres" : "";
        return DriverManager.getConnection(url(name), adminUser, adminPassword);
    }

    /**
     * Drops and creates a database, owned by (or granted to) the account the
     * server under test connects with, which is created too; returns the
     * database's JDBC URL.
     */
    String recreate(String database) throws SQLException {
        for (String name : new String[] {database, user()}) {
            if (!name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("Not a plain lower-case name: " + name);
            }
        }
        try (Connection connection = admin(null); Statement statement = connection.createStatement()) {
            if (kind == Kind.MARIADB) {
                statement.execute("DROP DATABASE IF EXISTS " + database);
                statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                // not CREATE OR REPLACE: that would take the account's grants on the other databases
                statement.execute("CREATE USER IF NOT EXISTS " + user() + "@'%'");
                try (PreparedStatement password = connection.prepareStatement(
                        "ALTER USER " + user() + "@'%' IDENTIFIED BY ?")) {
                    password.setString(1, password());
                    password.execute();
                }
                statement.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO " + user() + "@'%'");
            } else {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                // a role's password cannot be a bind parameter in PostgreSQL; it is a test-only constant
                String password = "'" + password().replace("'", "''") + "'";
                statement.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user() + "')"
                        + " THEN ALTER ROLE " + user() + " LOGIN PASSWORD " + password + ";"
                        + " ELSE CREATE ROLE " + user() + " LOGIN PASSWORD " + password + "; END IF; END $$");
                statement.execute("CREATE DATABASE " + database + " OWNER " + user() + " ENCODING 'UTF8'"
                        + " TEMPLATE template0");
            }
        }
        return url(database);
    }

    @Override
    public String toString() {
        return kind.id() + " at " + host + ":" + port;
    }
}
