package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC catalog on SQLite with a {@code file://} warehouse, configured explicitly (not the embedded default's
 * {@code <warehouse>/catalog.db}): the job's tables land, and SQLite itself holds the catalog rows.
 */
class SqliteCatalogITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theJobWritesThroughAJdbcCatalogOnSqlite(@TempDir Path dir) throws Exception {
        Path bucket = dir.resolve("bucket");
        CatalogJobRun.Trail trail = CatalogJobRun.bundledSamples(bucket, null, "local");
        Path db = dir.resolve("catalogs/trail.db");
        Path warehouse = dir.resolve("lake");
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.JDBC);
        catalog.set(CatalogOptions.URI, "jdbc:sqlite:" + db);
        catalog.set(CatalogOptions.WAREHOUSE, warehouse.toUri().toString());

        CatalogJobRun.run(
                CatalogJobRun.localRun(bucket, catalog),
                List.of(Integration.of("local", bucket.toString(), null)),
                "sqlite-catalog");

        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), trail);
        List<String> locations = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name, metadata_location from iceberg_tables"
                        + " where catalog_name = 'trailstream' and table_namespace = 'cloudtrail'")) {
            while (rs.next()) locations.add(rs.getString(1) + " " + rs.getString(2));
        }
        assertThat(locations)
                .as("catalog rows in SQLite, metadata in the warehouse folder")
                .hasSize(8)
                .allSatisfy(l -> assertThat(l).contains(" file:").contains(warehouse.toString()));
    }
}
