package io.trailstream.iceberg;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Typed options naming the Iceberg catalog trailstream writes to. */
public final class CatalogOptions {
    private CatalogOptions() {}

    /** Catalog implementations trailstream knows how to configure. */
    public enum CatalogType {
        JDBC,
        REST,
        GLUE
    }

    public static final ConfigOption<CatalogType> TYPE = ConfigOptions.key("catalog.type")
            .enumType(CatalogType.class)
            .defaultValue(CatalogType.JDBC)
            .withDescription("Iceberg catalog implementation: JDBC (SQLite, PostgreSQL), REST, or GLUE (AWS Glue Data "
                    + "Catalog; needs an s3:// warehouse and no catalog.uri). See docs/catalogs.md.");

    public static final ConfigOption<String> NAME = ConfigOptions.key("catalog.name")
            .stringType()
            .defaultValue("trailstream")
            .withDescription("Catalog name; PyIceberg's SQL catalog must use the same name to see the tables.");

    public static final ConfigOption<String> URI = ConfigOptions.key("catalog.uri")
            .stringType()
            .noDefaultValue()
            .withDescription("JDBC URL (jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB) or REST endpoint of the "
                    + "catalog. For JDBC it defaults to jdbc:sqlite:<warehouse>/catalog.db when the warehouse is a local "
                    + "folder. Not used by GLUE.");

    public static final ConfigOption<String> WAREHOUSE = ConfigOptions.key("catalog.warehouse")
            .stringType()
            .defaultValue("warehouse")
            .withDescription("Warehouse location: a local folder, file:/..., or s3://bucket/path (written through "
                    + "Iceberg's S3FileIO unless catalog.property.io-impl says otherwise).");

    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("catalog.namespace")
            .stringType()
            .defaultValue("cloudtrail")
            .withDescription("Namespace holding trailstream's tables; created when absent.");

    /** Prefix of free-form catalog properties passed to Iceberg as they are (e.g. {@code catalog.property.io-impl}). */
    public static final String PROPERTY_PREFIX = "catalog.property.";
}
