package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default catalog: JDBC on SQLite inside the warehouse folder. */
class IcebergCatalogsTest {

    @Test
    void aWarehouseFolderThatDoesNotExistYetIsCreated(@TempDir Path dir) throws Exception {
        Path warehouse = dir.resolve("fresh/warehouse");
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());

        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            ((SupportsNamespaces) catalog).createNamespace(Namespace.of("cloudtrail"));
        } finally {
            ((AutoCloseable) catalog).close();
        }
        assertThat(warehouse.resolve("catalog.db")).isRegularFile();
    }

    @Test
    void theFolderOfAnExplicitSqliteUriIsCreated(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("catalogs/trail/catalog.db");
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        conf.set(CatalogOptions.URI, "jdbc:sqlite:" + db);

        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        ((AutoCloseable) catalog).close();
        assertThat(db).isRegularFile();
    }

    @Test
    void aLocalWarehouseHasNoChecksumFiles(@TempDir Path dir) throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());

        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            ((SupportsNamespaces) catalog).createNamespace(Namespace.of("cloudtrail"));
            Table table = catalog.createTable(
                    TableIdentifier.of("cloudtrail", "t"),
                    new Schema(Types.NestedField.optional(1, "c", Types.StringType.get())));
            assertThat(((HadoopFileIO) table.io()).conf().get("fs.file.impl"))
                    .isEqualTo(LocalWarehouseFileSystem.class.getName());
        } finally {
            ((AutoCloseable) catalog).close();
        }
        try (Stream<Path> files = Files.walk(warehouse)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(f -> f.getFileName().toString()))
                    .as("the table's metadata is written, and no .crc file next to it")
                    .anyMatch(name -> name.endsWith(".metadata.json"))
                    .noneMatch(name -> name.endsWith(".crc"));
        }
    }
}
