package dev.scriptexecuter.script.control;

import dev.scriptexecuter.script.entity.ScriptCode;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Gives every script saved before versions existed its version 1: its code as
 * it is, by "system", at the script's last change. In Java rather than SQL so
 * that the content hash is the one the application computes (the same on H2,
 * MariaDB and PostgreSQL). The class name is Flyway's: version 12.
 */
@jakarta.enterprise.context.Dependent
public class V12__First_script_versions extends BaseJavaMigration {

    static final String AUTHOR = "system";
    static final String MESSAGE = "The code as it was when versions were introduced";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, main_code, trigger_code, requirements,"
                + " updated_at FROM script WHERE current_version IS NULL");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO script_version (id, script_id,"
                     + " version_number, main_code, trigger_code, requirements, content_hash, author, message,"
                     + " created_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE script SET current_version = 1 WHERE id = ?");
             ResultSet scripts = select.executeQuery()) {
            while (scripts.next()) {
                String main = scripts.getString(2);
                String trigger = scripts.getString(3);
                String requirements = scripts.getString(4);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, scripts.getString(1));
                insert.setString(3, main);
                insert.setString(4, trigger);
                insert.setString(5, requirements);
                insert.setString(6, new ScriptCode(main, trigger, requirements).contentHash());
                insert.setString(7, AUTHOR);
                insert.setString(8, MESSAGE);
                // as the zone-less value it is (getTimestamp would pass it through the JVM's time zone)
                insert.setObject(9, scripts.getObject(5, java.time.LocalDateTime.class));
                insert.executeUpdate();
                update.setString(1, scripts.getString(1));
                update.executeUpdate();
            }
        }
    }
}
