package io.trailstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver in front of the real one ({@code jdbc:faults:sqlite:FILE} reaches {@code jdbc:sqlite:FILE}) that
 * makes an Iceberg catalog commit fail on demand, in whichever process commits: <em>before</em> the catalog
 * update (the {@code UPDATE iceberg_tables SET metadata_location ...} is refused, nothing changes) or
 * <em>after</em> it (the update is executed and committed, then the caller gets an error, as when the
 * connection drops before the answer arrives).
 *
 * <p>A test arms a fault by creating the file {@code TABLE.before} or {@code TABLE.after} in the folder named by
 * the system property {@value #FAULTS_DIR}; the first process whose commit of that table sees the file deletes
 * it (so it fires once across every JVM) and leaves {@code TABLE.KIND.injected}. Cluster JVMs load the driver
 * with {@code -Djdbc.drivers=} this class; the real driver is loaded through the thread's context class loader,
 * which in a TaskManager is the job's, where the job jar's SQLite driver lives.
 */
public final class FaultInjectingJdbcDriver implements Driver {
    public static final String PREFIX = "jdbc:faults:";
    public static final String FAULTS_DIR = "trailstream.it.catalog-faults";
    private static final String INNER_DRIVER = "org.sqlite.JDBC";

    static {
        try {
            DriverManager.registerDriver(new FaultInjectingJdbcDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Arms a fault: the next commit of {@code table} fails {@code before} or {@code after} the catalog update. */
    public static void arm(Path faults, String table, boolean afterUpdate) {
        try {
            Files.createDirectories(faults);
            Files.writeString(faults.resolve(table + (afterUpdate ? ".after" : ".before")), "armed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the armed fault has fired. */
    public static boolean injected(Path faults, String table, boolean afterUpdate) {
        return Files.exists(faults.resolve(table + (afterUpdate ? ".after" : ".before") + ".injected"));
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;
        Connection real = inner().connect("jdbc:" + url.substring(PREFIX.length()), info);
        return proxy(Connection.class, real, (method, args) -> {
            Object result = method.invoke(real, args);
            if (method.getName().equals("prepareStatement")
                    && ((String) args[0]).toUpperCase(Locale.ROOT).startsWith("UPDATE ICEBERG_TABLES SET")) {
                return statement((PreparedStatement) result);
            }
            return result;
        });
    }

    /** Iceberg binds the table name as the 5th parameter of its commit statement. */
    private static PreparedStatement statement(PreparedStatement real) {
        Map<Integer, Object> params = new HashMap<>();
        return proxy(PreparedStatement.class, real, (method, args) -> {
            if (method.getName().equals("setString")) params.put((Integer) args[0], args[1]);
            if (method.getName().equals("executeUpdate") && (args == null || args.length == 0)) {
                String table = String.valueOf(params.get(5));
                if (claim(table, false)) {
                    throw new SQLException("injected by the test: commit of " + table + " refused before the update");
                }
                Object updated = method.invoke(real, args);
                if (claim(table, true)) {
                    throw new SQLException(
                            "injected by the test: connection lost after the update of " + table + " was committed");
                }
                return updated;
            }
            return method.invoke(real, args);
        });
    }

    private static boolean claim(String table, boolean after) {
        String dir = System.getProperty(FAULTS_DIR);
        if (dir == null) return false;
        Path armed = Path.of(dir, table + (after ? ".after" : ".before"));
        try {
            Files.delete(armed);
            Files.writeString(
                    Path.of(armed + ".injected"), ProcessHandle.current().pid() + "");
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Driver inner() throws SQLException {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (Driver) Class.forName(
                            INNER_DRIVER,
                            true,
                            loader == null ? FaultInjectingJdbcDriver.class.getClassLoader() : loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("cannot load " + INNER_DRIVER, e);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T real, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T)
                Proxy.newProxyInstance(FaultInjectingJdbcDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
