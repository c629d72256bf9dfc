package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** How each catalog type is configured and what a wrong configuration is told (Glue needs no AWS for this). */
class CatalogTypesTest {
    private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

    @Test
    void glueTakesAnS3WarehouseAndBuildsIcebergsGlueCatalog() throws Exception {
        Configuration conf = glue("s3://lake-bucket/warehouse");
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "glue.id", "123456789012");
        conf.setString(CatalogOptions.PROPERTY_PREFIX + "client.region", "eu-west-1");

        Map<String, String> props = IcebergCatalogs.properties(conf);
        assertThat(props)
                .containsEntry("warehouse", "s3://lake-bucket/warehouse")
                .containsEntry("io-impl", S3_FILE_IO)
                .containsEntry("glue.id", "123456789012")
                .containsEntry("client.region", "eu-west-1")
                .doesNotContainKey("uri");
        // Initializing builds the Glue and S3 clients but calls no AWS API.
        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            assertThat(catalog.getClass().getName()).isEqualTo("org.apache.iceberg.aws.glue.GlueCatalog");
            assertThat(catalog.name()).isEqualTo("trailstream");
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }

    @Test
    void glueRefusesAUriAndALocalWarehouseNamingTheKey() {
        Configuration withUri = glue("s3://lake-bucket/warehouse");
        withUri.set(CatalogOptions.URI, "https://glue.eu-west-1.amazonaws.com");
        assertThatThrownBy(() -> IcebergCatalogs.properties(withUri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog.uri")
                .hasMessageContaining("glue.id");

        assertThatThrownBy(() -> IcebergCatalogs.properties(glue("/data/warehouse")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog.warehouse")
                .hasMessageContaining("s3://");
    }

    @Test
    void anS3WarehouseIsWrittenThroughS3FileIoUnlessTheConfigSaysOtherwise() {
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.URI, "jdbc:postgresql://db.internal:5432/iceberg");
        conf.set(CatalogOptions.WAREHOUSE, "s3://lake-bucket/warehouse");
        assertThat(IcebergCatalogs.properties(conf)).containsEntry("io-impl", S3_FILE_IO);

        conf.setString(CatalogOptions.PROPERTY_PREFIX + "io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
        assertThat(IcebergCatalogs.properties(conf)).containsEntry("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");

        Configuration local = new Configuration();
        local.set(CatalogOptions.WAREHOUSE, "/data/warehouse");
        assertThat(IcebergCatalogs.properties(local)).doesNotContainKey("io-impl");
    }

    @Test
    void everyJdbcCatalogUsesTheSchemaPyIcebergReads() {
        Configuration postgres = new Configuration();
        postgres.set(CatalogOptions.URI, "jdbc:postgresql://db.internal:5432/iceberg");
        postgres.set(CatalogOptions.WAREHOUSE, "s3://lake-bucket/warehouse");
        postgres.setString(CatalogOptions.PROPERTY_PREFIX + "jdbc.user", "trailstream");
        assertThat(IcebergCatalogs.properties(postgres))
                .containsEntry("jdbc.schema-version", "V1")
                .containsEntry("jdbc.user", "trailstream")
                .doesNotContainKey("jdbc.journal_mode");
    }

    @Test
    void aRestCatalogNeedsItsUri() {
        Configuration rest = new Configuration();
        rest.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.REST);
        assertThatThrownBy(() -> IcebergCatalogs.properties(rest)).hasMessageContaining("catalog.uri");
    }

    private static Configuration glue(String warehouse) {
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.GLUE);
        conf.set(CatalogOptions.WAREHOUSE, warehouse);
        return conf;
    }
}
