package io.trailstream.iceberg;

import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog that first loads the JDBC driver of its URI with the job's own class loader.
 *
 * <p>Why: {@code DriverManager} finds drivers through {@code ServiceLoader} once per JVM, and only hands a
 * caller a driver its class loader can see. On a session cluster every submission of the job gets a new user
 * class loader, so the second job in a JobManager or TaskManager JVM (a restore from a savepoint, an upgrade)
 * found no driver for {@code jdbc:sqlite:} or {@code jdbc:postgresql:} in the jar: "No suitable driver".
 * Loading the class registers this class loader's driver.
 */
public class DriverLoadingJdbcCatalog extends JdbcCatalog {
    private static final Map<String, String> DRIVERS =
            Map.of("jdbc:sqlite:", "org.sqlite.JDBC", "jdbc:postgresql:", "org.postgresql.Driver");

    @Override
    public void initialize(String name, Map<String, String> properties) {
        loadDriver(properties.get(CatalogProperties.URI));
        super.initialize(name, properties);
    }

    static void loadDriver(String uri) {
        if (uri == null) return;
        DRIVERS.forEach((prefix, driver) -> {
            if (!uri.startsWith(prefix)) return;
            try {
                Class.forName(driver, true, DriverLoadingJdbcCatalog.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // not in the jar: DriverManager reports the missing driver with the URI
            }
        });
    }
}
