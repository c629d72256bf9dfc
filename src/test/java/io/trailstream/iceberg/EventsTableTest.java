package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.record.EventLayout;
import io.trailstream.record.FieldSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class EventsTableTest {

    /**
     * The golden listing is the table's contract with every reader and every existing table: a field id, once
     * given, keeps its name and type for ever. Add new ids; never renumber, reuse or retype one.
     */
    @Test
    void fieldIdsNamesAndTypesMatchTheContract() throws IOException {
        assertThat(listing(EventsTable.schema())).isEqualTo(golden("/iceberg/events-schema.txt"));
    }

    @Test
    void partitionedByIntegrationThenDayOfEventTime() {
        List<PartitionField> fields = EventsTable.partitionSpec().fields();
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).name()).isEqualTo("integration_id");
        assertThat(fields.get(0).transform().toString()).isEqualTo("identity");
        assertThat(fields.get(0).sourceId())
                .isEqualTo(EventsTable.schema().findField("integration_id").fieldId());
        assertThat(fields.get(1).name()).isEqualTo("event_time_day");
        assertThat(fields.get(1).transform().toString()).isEqualTo("day");
        assertThat(fields.get(1).sourceId())
                .isEqualTo(EventsTable.schema().findField("event_time").fieldId());
    }

    @Test
    void rowTypeFollowsTheLayoutPositions() {
        RowType rowType = EventsTable.rowType();
        List<FieldSpec> columns = EventLayout.EVENTS.fields();
        assertThat(rowType.getFieldNames())
                .containsExactlyElementsOf(columns.stream().map(FieldSpec::name).toList());
        assertThat(rowType.getTypeAt(EventLayout.EVENT_TIME)).isInstanceOf(LocalZonedTimestampType.class);
        assertThat(rowType.getTypeAt(EventLayout.RAW).isNullable()).isFalse();
        assertThat(rowType).isEqualTo(FlinkSchemaUtil.convert(EventsTable.schema()));
    }

    @Test
    void timesAreTimestamptzAndFreeFormObjectsAreStrings() {
        Schema schema = EventsTable.schema();
        for (String column :
                List.of("event_time", "ingested_at", "user_identity.session_context.attributes.creation_date")) {
            assertThat(schema.findType(column)).as(column).isEqualTo(Types.TimestampType.withZone());
        }
        for (String column : List.of(
                "request_parameters",
                "response_elements",
                "additional_event_data",
                "service_event_details",
                "insight_details",
                "edge_device_details",
                "addendum",
                "event_context",
                "raw")) {
            assertThat(schema.findType(column)).as(column).isEqualTo(Types.StringType.get());
        }
    }

    /** One line per field, by id: {@code id dotted.name type required|optional}. */
    static String listing(Schema schema) {
        Map<Integer, String> names = new TreeMap<>(TypeUtil.indexNameById(schema.asStruct()));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : names.entrySet()) {
            Types.NestedField field = schema.findField(entry.getKey());
            Type type = field.type();
            String kind = type.isPrimitiveType()
                    ? type.toString()
                    : type.typeId().toString().toLowerCase();
            lines.add(entry.getKey() + " " + entry.getValue() + " " + kind + " "
                    + (field.isRequired() ? "required" : "optional"));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = EventsTableTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
