package io.trailstream.integrity;

import java.util.Objects;

/**
 * One row of the {@code integrity} table: the result of checking one digest file or one log file against its
 * digest. The integrity operators emit these; the {@code iceberg} package turns them into rows. A Flink POJO.
 * Fields a check does not know stay null (or 0 for times).
 */
public class IntegrityCheck {
    public CheckKind kind;
    public CheckStatus status;
    /** Why, in words naming the object and what was compared. */
    public String reason;

    public String integrationId;
    /** The checked object's bucket (for a local run, the folder's name) and key. */
    public String bucket;

    public String key;
    /** The digest that lists the log file, or the digest itself; null for an unlisted log file. */
    public String digestBucket;

    public String digestKey;
    public String organizationId;
    public String accountId;
    public String region;
    public String trailName;
    /** Whether the digest is a backfill digest ({@code …_backfill.json.gz}), a chain of its own. */
    public boolean backfill;
    /** The digest's {@code digestEndTime} (epoch millis), 0 when unknown. */
    public long digestEndTimeMillis;
    /** Hex SHA-256 a digest says (a log file's {@code hashValue}, a predecessor's {@code previousDigestHashValue}). */
    public String expectedSha256;
    /** Hex SHA-256 the job computed of the uncompressed bytes. */
    public String actualSha256;

    public long checkedAtMillis;

    public IntegrityCheck() {}

    /** A check of {@code kind} with its outcome; the caller fills in what it knows. */
    public static IntegrityCheck of(CheckKind kind, CheckStatus status, String reason, long checkedAtMillis) {
        if (status.kind() != null && status.kind() != kind) {
            throw new IllegalArgumentException(status + " is not a status of a " + kind + " check");
        }
        IntegrityCheck c = new IntegrityCheck();
        c.kind = kind;
        c.status = status;
        c.reason = reason;
        c.checkedAtMillis = checkedAtMillis;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof IntegrityCheck)) return false;
        IntegrityCheck c = (IntegrityCheck) o;
        return kind == c.kind
                && status == c.status
                && backfill == c.backfill
                && digestEndTimeMillis == c.digestEndTimeMillis
                && checkedAtMillis == c.checkedAtMillis
                && Objects.equals(reason, c.reason)
                && Objects.equals(integrationId, c.integrationId)
                && Objects.equals(bucket, c.bucket)
                && Objects.equals(key, c.key)
                && Objects.equals(digestBucket, c.digestBucket)
                && Objects.equals(digestKey, c.digestKey)
                && Objects.equals(organizationId, c.organizationId)
                && Objects.equals(accountId, c.accountId)
                && Objects.equals(region, c.region)
                && Objects.equals(trailName, c.trailName)
                && Objects.equals(expectedSha256, c.expectedSha256)
                && Objects.equals(actualSha256, c.actualSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, bucket, key, digestKey);
    }

    @Override
    public String toString() {
        return kind + " " + status + " " + bucket + "/" + key + " (" + reason + ")";
    }
}
