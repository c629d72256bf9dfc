package io.trailstream.iceberg;

import java.util.Map;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/** Name, schema, partitioning and properties of one trailstream table: what bootstrap creates when absent. */
public final class TableDefinition {
    /** Properties every trailstream table gets: v2 tables, zstd Parquet, bounded metadata history. */
    public static final Map<String, String> DEFAULT_PROPERTIES = Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd",
            "write.metadata.delete-after-commit.enabled", "true",
            "write.metadata.previous-versions-max", "100");

    private final String name;
    private final Schema schema;
    private final PartitionSpec spec;
    private final Map<String, String> properties;

    public TableDefinition(String name, Schema schema, PartitionSpec spec) {
        this(name, schema, spec, DEFAULT_PROPERTIES);
    }

    /** A table created with {@code properties} (which should include {@link #DEFAULT_PROPERTIES}). */
    public TableDefinition(String name, Schema schema, PartitionSpec spec, Map<String, String> properties) {
        this.name = name;
        this.schema = schema;
        this.spec = spec;
        this.properties = Map.copyOf(properties);
    }

    public String name() {
        return name;
    }

    public Schema schema() {
        return schema;
    }

    public PartitionSpec spec() {
        return spec;
    }

    /** The table properties bootstrap creates the table with. */
    public Map<String, String> properties() {
        return properties;
    }

    public RowType rowType() {
        return FlinkSchemaUtil.convert(schema);
    }

    @Override
    public String toString() {
        return name;
    }
}
