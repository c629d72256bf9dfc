package io.trailstream.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Turns trailstream's catalog options into an Iceberg {@link CatalogLoader}, the serializable handle
 * Iceberg's Flink sink needs on every task manager.
 *
 * <p>The embedded default is a JDBC catalog on SQLite at {@code <warehouse>/catalog.db}, which PyIceberg's
 * {@code SqlCatalog} reads as it is.
 */
public final class IcebergCatalogs {
    private static final String JDBC_CATALOG = DriverLoadingJdbcCatalog.class.getName();
    private static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";
    private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
    private static final String SQLITE = "jdbc:sqlite:";

    private IcebergCatalogs() {}

    /** The catalog loader described by {@code config}. */
    public static CatalogLoader loader(ReadableConfig config) {
        Map<String, String> props = properties(config);
        String name = config.get(CatalogOptions.NAME);
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration(false);
        // A local warehouse through Hadoop's raw local filesystem: its default (the checksumming one) writes a .crc
        // file next to every file, and without Hadoop's native library each file or folder it creates costs a chmod
        // process. Iceberg and Parquet check their own files; LocalWarehouseFileSystem sets permissions in-process.
        hadoop.set("fs.file.impl", LocalWarehouseFileSystem.class.getName());
        switch (config.get(CatalogOptions.TYPE)) {
            case REST:
                return CatalogLoader.rest(name, hadoop, props);
            case GLUE:
                return CatalogLoader.custom(name, props, hadoop, GLUE_CATALOG);
            case JDBC:
            default:
                createSqliteFolder(props.get(CatalogProperties.URI));
                return CatalogLoader.custom(name, props, hadoop, JDBC_CATALOG);
        }
    }

    /** The Iceberg catalog properties for {@code config}, defaults filled in. */
    public static Map<String, String> properties(ReadableConfig config) {
        Map<String, String> props = new HashMap<>();
        String warehouse = warehouseLocation(config.get(CatalogOptions.WAREHOUSE));
        props.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        String uri = config.getOptional(CatalogOptions.URI).orElse(null);
        if (config.get(CatalogOptions.TYPE) == CatalogOptions.CatalogType.GLUE) {
            checkGlue(uri, warehouse);
        } else if (config.get(CatalogOptions.TYPE) == CatalogOptions.CatalogType.JDBC) {
            if (uri == null) {
                if (!warehouse.startsWith("file:")) {
                    throw new IllegalArgumentException("catalog.uri must be set for a JDBC catalog whose warehouse '"
                            + warehouse + "' is not a local folder");
                }
                uri = SQLITE + Path.of(java.net.URI.create(warehouse)).resolve("catalog.db");
            }
            // PyIceberg's SqlCatalog reads the V1 layout (on SQLite and PostgreSQL alike).
            props.put("jdbc.schema-version", "V1");
            if (uri.startsWith(SQLITE)) {
                // SQLite needs patience when several tables commit at once.
                props.put("jdbc.busy_timeout", "60000");
                props.put("jdbc.journal_mode", "WAL");
            }
        } else if (uri == null) {
            throw new IllegalArgumentException("catalog.uri must be set for a REST catalog");
        }
        if (uri != null) props.put(CatalogProperties.URI, uri);
        if (warehouse.startsWith("s3://")) {
            // Hadoop's FileIO, the JDBC catalog's default, has no s3 filesystem in the job jar.
            props.put(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
        }
        if (config instanceof Configuration) {
            ((Configuration) config).toMap().forEach((k, v) -> {
                if (k.startsWith(CatalogOptions.PROPERTY_PREFIX)) {
                    props.put(k.substring(CatalogOptions.PROPERTY_PREFIX.length()), v);
                }
            });
        }
        return props;
    }

    /** Glue names its own endpoint (catalog.property.glue.endpoint) and keeps tables on S3 only. */
    private static void checkGlue(String uri, String warehouse) {
        if (uri != null) {
            throw new IllegalArgumentException("catalog.uri is not used by a GLUE catalog, got '" + uri
                    + "': set catalog.property.glue.id (the account) and catalog.property.client.region instead");
        }
        if (!warehouse.startsWith("s3://")) {
            throw new IllegalArgumentException(
                    "catalog.warehouse must be an s3:// location for a GLUE catalog, got '" + warehouse + "'");
        }
    }

    /**
     * SQLite creates its database file but not the folders above it, so a first run into a fresh warehouse
     * (the embedded default's {@code warehouse/} on a new clone) would fail to connect: create them.
     */
    static void createSqliteFolder(String uri) {
        if (uri == null || !uri.startsWith(SQLITE)) return;
        String location = uri.substring(SQLITE.length());
        int query = location.indexOf('?');
        if (query >= 0) location = location.substring(0, query);
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith("file::memory:")) return;
        Path folder;
        try {
            Path file = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
            folder = file.toAbsolutePath().normalize().getParent();
        } catch (IllegalArgumentException e) {
            return; // a form SQLite may still understand; it reports what it cannot open
        }
        if (folder == null || Files.isDirectory(folder)) return;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite catalog " + uri, e);
        }
    }

    /** A bare local path becomes an absolute {@code file:} URI; other locations are kept. */
    static String warehouseLocation(String warehouse) {
        if (warehouse.contains("://") || warehouse.startsWith("file:")) {
            return warehouse.startsWith("file:")
                    ? Path.of(java.net.URI.create(warehouse)).toUri().toString()
                    : warehouse;
        }
        return Path.of(warehouse).toAbsolutePath().normalize().toUri().toString();
    }
}
