package dev.scriptexecuter.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** MariaDB databases made afresh on the test server, for the servers the integration tests start. */
final class FreshDatabase {

    private FreshDatabase() {
    }

    /**
     * Drops and creates a MariaDB database on the test server, and the account
     * the server under test connects with (ses.test.mariadb.user); returns the
     * database's JDBC URL.
     */
    static String recreate(String database) throws SQLException {
        String server = System.getProperty("ses.test.mariadb.server", "127.0.0.1:3306");
        String user = System.getProperty("ses.test.mariadb.user", "ses_test");
        for (String name : new String[] {database, user}) {
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("Not a plain name: " + name);
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + server + "/",
                System.getProperty("ses.test.mariadb.adminUser", "root"),
                System.getProperty("ses.test.mariadb.adminPassword", ""));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            try (var create = connection.prepareStatement("CREATE OR REPLACE USER " + user + "@'%' IDENTIFIED BY ?")) {
                create.setString(1, System.getProperty("ses.test.mariadb.password", "ses-test-only"));
                create.execute();
            }
            statement.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO " + user + "@'%'");
        }
        return "jdbc:mariadb://" + server + "/" + database;
    }
}
