package io.trailstream.record;

/**
 * How the parser turns one JSON value into a column value. The kind also decides the column's Iceberg type,
 * so that the parser and the table schema cannot disagree.
 */
public enum FieldKind {
    /** A string column. Strings, numbers and booleans keep their JSON text; objects and arrays become compact JSON. */
    STRING,
    /** A boolean column. JSON {@code true}/{@code false} and the strings "true"/"false" (any case); else null. */
    BOOLEAN,
    /** A timestamptz column, from an ISO-8601 string; null when the value does not parse. */
    TIMESTAMP,
    /** A string column holding the value as compact JSON, exactly as the record had it. */
    JSON,
    /** A struct column, from a JSON object; null for anything else. */
    STRUCT,
    /** A list of structs, from a JSON array of objects; elements that are not objects are null. */
    STRUCT_LIST
}
