package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table an earlier release created gets the columns and properties it lacks, and nothing it has is changed. */
class TableBootstrapTest {
    @TempDir
    Path dir;

    @Test
    void aTableOfAnEarlierReleaseGetsTheNewColumnsWithTheirIdsAndTheMissingProperties() {
        TableDefinition def = TrailTables.INTEGRATIONS;
        List<Types.NestedField> older = new ArrayList<>(def.schema().columns());
        older.removeIf(f -> f.fieldId() > 16); // the integrations table before sequence, role_arn, external_id
        Table table = new HadoopTables(new Configuration())
                .create(
                        new Schema(older),
                        PartitionSpec.unpartitioned(),
                        Map.of("write.parquet.compression-codec", "snappy"),
                        dir.resolve("integrations").toString());

        TableBootstrap.evolve(table, def);

        table.refresh();
        for (String added : List.of("sequence", "role_arn", "external_id")) {
            assertThat(table.schema().findField(added).fieldId())
                    .as("the id the definition gives " + added)
                    .isEqualTo(def.schema().findField(added).fieldId());
        }
        assertThat(table.schema().asStruct()).isEqualTo(def.schema().asStruct());
        assertThat(table.properties())
                .as("a property the table set is kept")
                .containsEntry("write.parquet.compression-codec", "snappy")
                .containsEntry("write.metadata.delete-after-commit.enabled", "true");

        String metadata = ((org.apache.iceberg.HasTableOperations) table)
                .operations()
                .current()
                .metadataFileLocation();
        TableBootstrap.evolve(table, def);
        table.refresh();
        assertThat(((org.apache.iceberg.HasTableOperations) table)
                        .operations()
                        .current()
                        .metadataFileLocation())
                .as("a second bootstrap changes nothing")
                .isEqualTo(metadata);
    }

    @Test
    void aTableWhoseColumnsThisReleaseCannotWriteIsRefusedByName() {
        TableDefinition def = TrailTables.INTEGRATIONS;
        List<Types.NestedField> columns = new ArrayList<>(def.schema().columns());
        columns.add(Types.NestedField.optional(99, "added_by_hand", Types.StringType.get()));
        Table table = new HadoopTables(new Configuration())
                .create(new Schema(columns), dir.resolve("odd").toString());

        assertThatThrownBy(() -> TableBootstrap.evolve(table, def))
                .hasMessageContaining("added_by_hand")
                .hasMessageContaining("cannot write");
    }
}
