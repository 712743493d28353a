package dev.scriptexecuter.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the database schema up to date before anything queries it. Beans
 * that touch the database at start-up declare {@code @DependsOn("SchemaMigrator")}.
 * Runs outside a container transaction: Flyway manages its own, and an XA
 * pool refuses them inside a global one.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    /** Migrations written in Java, each a bean of the component whose data it moves (so none is named here). */
    @Inject
    @Any
    Instance<JavaMigration> javaMigrations;

    @PostConstruct
    void migrate() {
        String vendor = vendor();
        try {
            if (vendor.equals("h2")) {
                makeCommitsDurable();
            }
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations(locations(vendor))
                    // Beans, not found by Flyway's class scanning: that differs between servers.
                    .javaMigrations(javaMigrations.stream().toArray(JavaMigration[]::new))
                    .table("ses_schema_history")
                    // The database may already hold other tables, such as the batch job
                    // repository WildFly creates before the application starts: start the
                    // history below V1 then, so every migration still runs.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot migrate the database schema. Is the database reachable "
                    + "and the default datasource configured? See README, section Configuration.", e);
            throw e;
        }
    }

    /**
     * Embedded H2 writes committed transactions to disk up to a second later by
     * default, so a killed server would lose its newest runs. The setting is
     * stored in the database.
     */
    private void makeCommitsDurable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot make H2 write commits at once; a killed server may lose its last runs", e);
        }
    }

    /**
     * The migration folders for this database: {@code common/} for what is the
     * same SQL on all of them, {@code standard/} for what H2 and PostgreSQL
     * take alike (MariaDB says DATETIME where they say TIMESTAMP), and its own
     * folder: column types differ (CLOB, LONGTEXT, TEXT), and so does changing
     * a column.
     */
    private static String[] locations(String vendor) {
        String own = "classpath:db/migration/" + vendor;
        return vendor.equals("mariadb") ? new String[] {"classpath:db/migration/common", own}
                : new String[] {"classpath:db/migration/common", "classpath:db/migration/standard", own};
    }

    /** Which database this is: h2, mariadb or postgresql. */
    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return "h2";
            }
            if (product.contains("mariadb") || product.contains("mysql")) {
                return "mariadb";
            }
            if (product.contains("postgres")) {
                return "postgresql";
            }
            throw new IllegalStateException("Unsupported database '" + product + "': use H2, MariaDB or PostgreSQL.");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }
}
