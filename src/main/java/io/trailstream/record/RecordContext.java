package io.trailstream.record;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a log file came from and when it was read: the lineage columns every row of that file carries, so
 * that any row can be traced back to its integration and object.
 *
 * @param integrationId the integration the object was ingested for (also the table's first partition)
 * @param sourceBucket  bucket the object was read from (for local runs, the folder playing the bucket)
 * @param sourceKey     the object's key
 * @param ingestedAt    when trailstream read the object
 */
public record RecordContext(String integrationId, String sourceBucket, String sourceKey, Instant ingestedAt) {
    public RecordContext {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(sourceBucket, "sourceBucket");
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
    }
}
