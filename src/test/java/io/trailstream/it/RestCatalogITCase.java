package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.testing.RestCatalogServer;
import io.trailstream.testing.S3Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REST catalog: Iceberg's own REST catalog server in a JVM of its own, keeping the warehouse on S3 (S3Mock)
 * through S3FileIO, and the job talking to it over HTTP as it would to Polaris, Gravitino, Nessie, Unity or AWS's
 * S3 Tables endpoint.
 */
class RestCatalogITCase {
    private static final String WAREHOUSE = "s3://warehouse/rest";

    @RegisterExtension
    @Order(1)
    static final S3Emulator S3 = new S3Emulator("warehouse");

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static RestCatalogServer rest;

    @BeforeAll
    static void startRestCatalog() throws Exception {
        rest = new RestCatalogServer().warehouse(WAREHOUSE);
        s3Properties().forEach(rest::property);
        rest.start();
    }

    @AfterAll
    static void stopRestCatalog() {
        if (rest != null) rest.stop();
    }

    @Test
    void theJobWritesThroughARestCatalog(@TempDir Path dir) throws Exception {
        Path bucket = dir.resolve("bucket");
        CatalogJobRun.Trail trail = CatalogJobRun.bundledSamples(bucket, null, "local");
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.REST);
        catalog.set(CatalogOptions.URI, rest.uri());
        catalog.set(CatalogOptions.WAREHOUSE, WAREHOUSE);
        s3Properties().forEach((k, v) -> catalog.setString(CatalogOptions.PROPERTY_PREFIX + k, v));

        CatalogJobRun.run(
                CatalogJobRun.localRun(bucket, catalog),
                List.of(Integration.of("local", bucket.toString(), null)),
                "rest-catalog");

        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), trail);
        // The server itself lists the tables, and their metadata lies on S3.
        HttpResponse<String> tables = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(rest.uri() + "/v1/namespaces/cloudtrail/tables"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(tables.statusCode()).isEqualTo(200);
        assertThat(tables.body())
                .contains("\"events\"", "\"insights\"", "\"objects\"", "\"dead_letters\"", "\"control_audit\"")
                .contains("\"integrations\"");
        List<String> metadata = new ArrayList<>();
        S3.client()
                .listObjectsV2Paginator(b -> b.bucket("warehouse").prefix("rest/cloudtrail/events/metadata/"))
                .contents()
                .forEach(o -> metadata.add(o.key()));
        assertThat(metadata).anyMatch(k -> k.endsWith(".metadata.json"));
    }

    private static java.util.Map<String, String> s3Properties() {
        return java.util.Map.of(
                "s3.endpoint",
                S3.endpoint().toString(),
                "s3.path-style-access",
                "true",
                "s3.access-key-id",
                S3Emulator.ACCESS_KEY_ID,
                "s3.secret-access-key",
                S3Emulator.SECRET_ACCESS_KEY,
                "client.region",
                S3Emulator.REGION,
                "io-impl",
                "org.apache.iceberg.aws.s3.S3FileIO");
    }
}
