package io.trailstream.record;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered columns of one struct (or of the events row itself) with a lookup from CloudTrail field name to
 * position. A field's position in the row is its index here, resolved once, so the parser writes rows by
 * index without looking at the schema per record.
 */
public final class StructSpec {
    private final List<FieldSpec> fields;
    private final Map<String, Integer> byJsonName = new HashMap<>();
    private final Map<String, Integer> byColumnName = new HashMap<>();

    public StructSpec(FieldSpec... fields) {
        this.fields = List.of(fields);
        for (int i = 0; i < fields.length; i++) {
            if (byColumnName.put(fields[i].name(), i) != null) {
                throw new IllegalArgumentException("duplicate column " + fields[i].name());
            }
            for (String json : fields[i].jsonNames()) {
                if (byJsonName.put(json, i) != null) throw new IllegalArgumentException("duplicate JSON name " + json);
            }
        }
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public FieldSpec field(int position) {
        return fields.get(position);
    }

    /** Position of the column a CloudTrail field feeds, or -1 when the field is not a column (kept in raw only). */
    public int positionOfJson(String jsonName) {
        Integer position = byJsonName.get(jsonName);
        return position == null ? -1 : position;
    }

    /** Position of a column by its snake_case name; throws when there is no such column. */
    public int positionOf(String columnName) {
        Integer position = byColumnName.get(columnName);
        if (position == null) throw new IllegalArgumentException("no column " + columnName);
        return position;
    }

    /** Every field id used in this struct and below it, for uniqueness checks. */
    Set<Integer> allIds() {
        Set<Integer> ids = new HashSet<>();
        for (FieldSpec field : fields) {
            if (!ids.add(field.id())) throw new IllegalStateException("duplicate field id " + field.id());
            if (field.kind() == FieldKind.STRUCT_LIST && !ids.add(field.elementId())) {
                throw new IllegalStateException("duplicate field id " + field.elementId());
            }
            if (field.struct() != null) {
                for (int id : field.struct().allIds()) {
                    if (!ids.add(id)) throw new IllegalStateException("duplicate field id " + id);
                }
            }
        }
        return ids;
    }
}
