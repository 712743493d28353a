package dev.scriptexecuter.execution.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The batch runtime's job repository, where every run leaves a job execution
 * (IBM JBatch on Payara: {@code jbatch*} tables, JBeret on WildFly:
 * {@code JOB_*} tables). It is in the datasource {@value #OWN_DATASOURCE}
 * where the server configuration made one for it (embedded H2 keeps it in
 * memory there), else in the default datasource. Nothing in it is read once
 * a run has ended (the run row holds all there is), and the batch runtimes
 * never delete from it: this deletes the rows of ended {@code script-run}
 * executions, so the repository holds only what runs now and what ended since
 * the last purge. A repository in another database, or none found, is left
 * alone.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class BatchRepository {

    private static final Logger LOG = Logger.getLogger(BatchRepository.class.getName());
    private static final String ENDED = "('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')";
    /** The job repository's own datasource, where the server configuration has one (config/payara). */
    static final String OWN_DATASOURCE = "jdbc/ses-batch";

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource defaultDataSource;

    /** Null until looked up. */
    private volatile DataSource dataSource;

    /** Null until looked up; empty (looked up again after a minute) while the batch runtime has made none. */
    private volatile Optional<Tables> tables;

    /**
     * The statements of one kind of repository, its table names filled in: {@code ended} gives an ended
     * execution's id and its job instance's; the deletes take {@code :ids} and {@code :instances}.
     */
    record Tables(String kind, String countExecutions, String ended, List<String> deletes) {
    }

    /** Deletes the rows of up to {@code batch} ended job executions of runs; gives how many executions. */
    public int purgeEnded(int batch) {
        Optional<Tables> found = tables();
        if (found.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setMaxRows(batch);
            List<long[]> rows = new ArrayList<>();
            try (ResultSet ended = statement.executeQuery(found.get().ended())) {
                while (ended.next()) {
                    rows.add(new long[] {ended.getLong(1), ended.getLong(2)});
                }
            }
            if (rows.isEmpty()) {
                return 0;
            }
            statement.setMaxRows(0);
            String ids = list(rows, 0);
            String instances = list(rows, 1);
            for (String delete : found.get().deletes()) {
                statement.executeUpdate(delete.replace(":ids", ids).replace(":instances", instances));
            }
            return rows.size();
        } catch (SQLException e) {
            throw new IllegalStateException("The job repository could not be purged: " + e.getMessage(), e);
        }
    }

    /** Job executions of runs in the repository now (running or ended), or empty when it is not found. */
    public Optional<Long> executions() {
        Optional<Tables> found = tables();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(found.get().countExecutions())) {
            count.next();
            return Optional.of(count.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException("The job repository could not be read: " + e.getMessage(), e);
        }
    }

    /** A column of numbers read from the database as an SQL list: {@code (1, 2, 3)}. */
    private static String list(List<long[]> rows, int column) {
        return rows.stream().map(row -> String.valueOf(row[column])).distinct()
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The repository's own datasource where the configuration made one, else the default. */
    private DataSource dataSource() {
        DataSource found = dataSource;
        if (found == null) {
            try {
                found = (DataSource) new InitialContext().lookup(OWN_DATASOURCE);
                LOG.info(() -> "The batch job repository has a datasource of its own (" + OWN_DATASOURCE + ").");
            } catch (NamingException | ClassCastException e) {
                found = defaultDataSource;
            }
            dataSource = found;
        }
        return found;
    }

    /** The repository's tables: the batch runtime makes them with its first job, so an absence is not final. */
    private Optional<Tables> tables() {
        Optional<Tables> found = tables;
        // not found is not kept: the runtime makes its tables at its first job, which may be after a metrics
        // scrape or a purge asked (a look-up is one metadata query, asked per scrape and per purge at most)
        if (found == null || found.isEmpty()) {
            boolean first = found == null;
            found = find();
            tables = found;
            found.ifPresent(t -> LOG.info(() -> "Job repository: " + t.kind() + "; the rows of ended runs' job"
                    + " executions are deleted with each retention purge."));
            if (first && found.isEmpty()) {
                LOG.info("No job repository found (yet); its rows are purged once it is there.");
            }
        }
        return found;
    }

    private Optional<Tables> find() {
        try (Connection connection = dataSource().getConnection()) {
            Map<String, String> names = tableNames(connection);
            for (Map.Entry<String, String> table : names.entrySet()) {
                String upper = table.getKey();
                if (upper.endsWith("EXECUTIONINSTANCEDATA") && !upper.endsWith("STEPEXECUTIONINSTANCEDATA")) {
                    String prefix = prefix(table.getValue(), "EXECUTIONINSTANCEDATA");
                    if (names.containsKey(upper.replace("EXECUTIONINSTANCEDATA", "JOBINSTANCEDATA"))) {
                        return Optional.of(jbatch(prefix));
                    }
                }
                if (upper.endsWith("JOB_EXECUTION")
                        && names.containsKey(upper.substring(0, upper.length() - 13) + "JOB_INSTANCE")) {
                    return Optional.of(jberet(prefix(table.getValue(), "JOB_EXECUTION")));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            LOG.warning(() -> "The job repository's tables could not be looked up (" + e.getMessage()
                    + "); its rows are not purged.");
            return Optional.empty();
        }
    }

    /** The database's own tables, by their qualified name in capitals, to their qualified name as spelled. */
    private static Map<String, String> tableNames(Connection connection) throws SQLException {
        Map<String, String> names = new TreeMap<>();
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet tables = metadata.getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String schema = tables.getString("TABLE_SCHEM");
                String name = (schema == null || schema.isEmpty() ? "" : schema + ".") + tables.getString("TABLE_NAME");
                names.put(name.toUpperCase(Locale.ROOT), name);
            }
        }
        return names;
    }

    private static String prefix(String name, String base) {
        return name.substring(0, name.length() - base.length());
    }

    /** IBM JBatch (Payara): step status, steps, the execution, then the job instance and its status. */
    private static Tables jbatch(String p) {
        String executions = p + "EXECUTIONINSTANCEDATA";
        String instances = p + "JOBINSTANCEDATA";
        String runs = " FROM " + executions + " e JOIN " + instances + " i ON i.jobinstanceid = e.jobinstanceid"
                + " WHERE i.name = 'script-run'";
        String orphan = " IN :instances AND %s NOT IN (SELECT jobinstanceid FROM " + executions
                + " WHERE jobinstanceid IN :instances)";
        return new Tables("IBM JBatch (" + executions + ")", "SELECT COUNT(*)" + runs,
                "SELECT e.jobexecid, e.jobinstanceid" + runs + " AND e.batchstatus IN " + ENDED
                        + " ORDER BY e.jobexecid",
                List.of("DELETE FROM " + p + "STEPSTATUS WHERE id IN (SELECT stepexecid FROM " + p
                                + "STEPEXECUTIONINSTANCEDATA WHERE jobexecid IN :ids)",
                        "DELETE FROM " + p + "STEPEXECUTIONINSTANCEDATA WHERE jobexecid IN :ids",
                        "DELETE FROM " + executions + " WHERE jobexecid IN :ids",
                        "DELETE FROM " + p + "JOBSTATUS WHERE id" + orphan.formatted("id"),
                        "DELETE FROM " + instances + " WHERE jobinstanceid" + orphan.formatted("jobinstanceid")));
    }

    /** JBeret (WildFly): partitions, steps, the execution, then the job instance. */
    private static Tables jberet(String p) {
        String executions = p + "JOB_EXECUTION";
        String instances = p + "JOB_INSTANCE";
        String runs = " FROM " + executions + " e JOIN " + instances + " i ON i.JOBINSTANCEID = e.JOBINSTANCEID"
                + " WHERE i.JOBNAME = 'script-run'";
        return new Tables("JBeret (" + executions + ")", "SELECT COUNT(*)" + runs,
                "SELECT e.JOBEXECUTIONID, e.JOBINSTANCEID" + runs + " AND e.BATCHSTATUS IN " + ENDED
                        + " ORDER BY e.JOBEXECUTIONID",
                List.of("DELETE FROM " + p + "PARTITION_EXECUTION WHERE STEPEXECUTIONID IN (SELECT STEPEXECUTIONID FROM "
                                + p + "STEP_EXECUTION WHERE JOBEXECUTIONID IN :ids)",
                        "DELETE FROM " + p + "STEP_EXECUTION WHERE JOBEXECUTIONID IN :ids",
                        "DELETE FROM " + executions + " WHERE JOBEXECUTIONID IN :ids",
                        "DELETE FROM " + instances + " WHERE JOBINSTANCEID IN :instances AND JOBINSTANCEID NOT IN"
                                + " (SELECT JOBINSTANCEID FROM " + executions + " WHERE JOBINSTANCEID IN :instances)"));
    }
}
