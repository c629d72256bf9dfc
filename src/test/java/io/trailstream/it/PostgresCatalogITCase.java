package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.testing.PostgresServer;
import io.trailstream.testing.S3Emulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC catalog on a real PostgreSQL server (Debian's package, started by the test on 127.0.0.1) with the
 * warehouse on S3 through Iceberg's S3FileIO (against S3Mock): the job's tables land exactly; and two jobs that
 * write the same tables at the same time both get every commit in.
 */
class PostgresCatalogITCase {
    private static final String WAREHOUSE_BUCKET = "warehouse";
    private static final int RECORDS_PER_FILE = 20;

    @RegisterExtension
    @Order(1)
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(WAREHOUSE_BUCKET);

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @Test
    void theJobWritesThroughPostgresWithTheWarehouseOnS3(@TempDir Path dir) throws Exception {
        Path bucket = dir.resolve("bucket");
        CatalogJobRun.Trail trail = CatalogJobRun.bundledSamples(bucket, null, "local");
        Configuration catalog = postgresCatalog("lake_s3", "s3://" + WAREHOUSE_BUCKET + "/lake");

        CatalogJobRun.run(
                CatalogJobRun.localRun(bucket, catalog),
                List.of(Integration.of("local", bucket.toString(), null)),
                "postgres-catalog");

        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), trail);
        List<String> locations = catalogRows("lake_s3");
        assertThat(locations)
                .as("catalog rows in PostgreSQL, metadata on S3")
                .hasSize(8)
                .allSatisfy(l -> assertThat(l).contains(" s3://" + WAREHOUSE_BUCKET + "/lake/cloudtrail/"));
        List<String> keys = new ArrayList<>();
        S3.client()
                .listObjectsV2Paginator(b -> b.bucket(WAREHOUSE_BUCKET).prefix("lake/cloudtrail/events/data/"))
                .contents()
                .forEach(o -> keys.add(o.key()));
        assertThat(keys).as("events data files on S3").isNotEmpty().allMatch(k -> k.endsWith(".parquet"));
    }

    /**
     * Two unbounded jobs, each fed its own trail folder one file at a time, commit to the same six tables at
     * once. Each file is only written once the previous one is committed, so each job commits once per file
     * while the other commits too; the PostgreSQL catalog's optimistic commits (and Iceberg's retries) must
     * lose none of them.
     */
    @Test
    void twoJobsCommitToTheSameTablesAtOnceWithoutLosingACommit(@TempDir Path dir) throws Exception {
        Configuration catalog =
                postgresCatalog("lake_two", dir.resolve("warehouse").toUri().toString());
        TrailData data = new TrailData(20261201L);
        int filesPerWriter = 12;
        TrailDrip a = new TrailDrip("tenant-a", dir.resolve("bucket-a"), dir.resolve("staging-a"), "111122223333");
        TrailDrip b = new TrailDrip("tenant-b", dir.resolve("bucket-b"), dir.resolve("staging-b"), "444455556666");
        for (TrailDrip w : List.of(a, b)) w.prepare(data, filesPerWriter, RECORDS_PER_FILE);

        JobClient jobA = a.start(a.watching(catalog));
        JobClient jobB = b.start(b.watching(catalog));
        try (Warehouse tables = new Warehouse(catalog)) {
            CompletableFuture<Void> dripA = CompletableFuture.runAsync(() -> a.drip(tables, jobA, 1));
            CompletableFuture<Void> dripB = CompletableFuture.runAsync(() -> b.drip(tables, jobB, 1));
            CompletableFuture.allOf(dripA, dripB).get(5, TimeUnit.MINUTES);
        } finally {
            jobA.cancel().get(1, TimeUnit.MINUTES);
            jobB.cancel().get(1, TimeUnit.MINUTES);
        }

        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), a.trail(), b.trail());
        try (Warehouse tables = new Warehouse(catalog)) {
            for (String table : List.of("events", "objects")) {
                List<Snapshot> history = tables.snapshots(table);
                long added = history.stream()
                        .mapToLong(s -> Long.parseLong(s.summary().getOrDefault("added-records", "0")))
                        .sum();
                assertThat(added)
                        .as("%s: records added over all snapshots = rows (no commit lost or made twice)", table)
                        .isEqualTo(tables.count(table));
                String jobIdA = jobA.getJobID().toString();
                String jobIdB = jobB.getJobID().toString();
                assertThat(history)
                        .extracting(s -> s.summary().get("flink.job-id"))
                        .as("%s: every snapshot is one of the two jobs'", table)
                        .containsOnly(jobIdA, jobIdB);
                assertThat(switches(history))
                        .as("%s: the two jobs' commits interleave", table)
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** How often the committing job changes along the history. */
    private static int switches(List<Snapshot> history) {
        int switches = 0;
        for (int i = 1; i < history.size(); i++) {
            String before = history.get(i - 1).summary().get("flink.job-id");
            if (!before.equals(history.get(i).summary().get("flink.job-id"))) switches++;
        }
        return switches;
    }

    private static Configuration postgresCatalog(String database, String warehouse) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.JDBC);
        conf.set(CatalogOptions.URI, POSTGRES.createDatabase(database));
        conf.set(CatalogOptions.WAREHOUSE, warehouse);
        POSTGRES.catalogProperties().forEach((k, v) -> conf.setString(CatalogOptions.PROPERTY_PREFIX + k, v));
        conf.setString(
                CatalogOptions.PROPERTY_PREFIX + "s3.endpoint", S3.endpoint().toString());
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "s3.path-style-access", "true");
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "s3.access-key-id", S3Emulator.ACCESS_KEY_ID);
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "s3.secret-access-key", S3Emulator.SECRET_ACCESS_KEY);
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "client.region", S3Emulator.REGION);
        return conf;
    }

    private static List<String> catalogRows(String database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = POSTGRES.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name, metadata_location from iceberg_tables"
                        + " where catalog_name = 'trailstream' and table_namespace = 'cloudtrail'")) {
            while (rs.next()) rows.add(rs.getString(1) + " " + rs.getString(2));
        }
        return rows;
    }
}
