package io.trailstream.kinesis.config;

/**
 * Where a fresh job (one without a checkpoint) starts reading the shards that exist when it first
 * lists them. Shards that appear later (children of a reshard) are always read from their start,
 * and positions restored from a checkpoint or savepoint always win over this setting.
 */
public enum KinesisStartPosition {
    /** The oldest record still retained: nothing retained is missed. */
    TRIM_HORIZON,
    /** Only records written after the reader first asks for a shard iterator. */
    LATEST,
    /** Records that arrived at or after {@code source.start.timestamp}. */
    AT_TIMESTAMP
}
