package io.trailstream.record;

import java.util.List;
import java.util.Objects;

/**
 * One column of the events row: its stable Iceberg field id, its snake_case name, the CloudTrail field (or
 * fields, for spelling variants) that feed it and how. The parser and the Iceberg schema are both built from
 * these, so a column is declared exactly once.
 */
public final class FieldSpec {
    private final int id;
    private final String name;
    private final FieldKind kind;
    private final List<String> jsonNames;
    private final StructSpec struct;
    private final int elementId;
    private final boolean required;
    private final String doc;

    private FieldSpec(
            int id,
            String name,
            FieldKind kind,
            List<String> jsonNames,
            StructSpec struct,
            int elementId,
            boolean required,
            String doc) {
        if (id <= 0) throw new IllegalArgumentException("field id must be positive: " + name + "=" + id);
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.jsonNames = List.copyOf(jsonNames);
        this.struct = struct;
        this.elementId = elementId;
        this.required = required;
        this.doc = doc;
        boolean nested = kind == FieldKind.STRUCT || kind == FieldKind.STRUCT_LIST;
        if (nested != (struct != null)) throw new IllegalArgumentException("struct fields need a StructSpec: " + name);
    }

    /** A column fed by a CloudTrail field; {@code jsonNames} are the spellings accepted, first one canonical. */
    public static FieldSpec of(int id, String name, FieldKind kind, String... jsonNames) {
        if (jsonNames.length == 0) throw new IllegalArgumentException("no JSON name for " + name);
        return new FieldSpec(id, name, kind, List.of(jsonNames), null, 0, false, null);
    }

    /** A struct column fed by a JSON object. */
    public static FieldSpec struct(int id, String name, String jsonName, StructSpec struct) {
        return new FieldSpec(id, name, FieldKind.STRUCT, List.of(jsonName), struct, 0, false, null);
    }

    /** A list-of-struct column fed by a JSON array of objects; {@code elementId} is the list element's id. */
    public static FieldSpec structList(int id, int elementId, String name, String jsonName, StructSpec element) {
        return new FieldSpec(id, name, FieldKind.STRUCT_LIST, List.of(jsonName), element, elementId, false, null);
    }

    /** A required column that no CloudTrail field feeds (lineage, raw): the parser fills it itself. */
    public static FieldSpec derived(int id, String name, FieldKind kind, String doc) {
        return new FieldSpec(id, name, kind, List.of(), null, 0, true, doc);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public FieldKind kind() {
        return kind;
    }

    /** CloudTrail spellings that feed this column; empty for derived columns. */
    public List<String> jsonNames() {
        return jsonNames;
    }

    /** The struct (or list element struct) layout; null for scalar kinds. */
    public StructSpec struct() {
        return struct;
    }

    /** The list element's field id for {@link FieldKind#STRUCT_LIST}, else 0. */
    public int elementId() {
        return elementId;
    }

    public boolean required() {
        return required;
    }

    /** Column documentation for derived columns; null for CloudTrail-fed ones (the schema names their path). */
    public String doc() {
        return doc;
    }

    @Override
    public String toString() {
        return id + ":" + name + " " + kind + (jsonNames.isEmpty() ? "" : " <- " + jsonNames);
    }
}
