package io.trailstream.integrity;

/**
 * A log file a signed digest lists, with the hash it says the file's uncompressed bytes have: what the log-file
 * check expects of the file. Emitted only for digests whose signature verified, so an expectation is never one a
 * forger wrote. Keyed downstream by {@link #fileKey}, where it meets the file's ingestion. A Flink POJO.
 */
public class ListedLogFile {
    /** {@link BucketNames#fileKey}: the listed bucket name and key. */
    public String fileKey;

    public String bucket;
    public String key;
    /** Lower-case hex SHA-256 of the file's uncompressed bytes, as the digest lists it. */
    public String expectedSha256;

    public String integrationId;
    public String digestBucket;
    public String digestKey;
    public String organizationId;
    public String accountId;
    public String region;
    public String trailName;
    public boolean backfill;
    public long digestEndTimeMillis;
    /** When the listing was seen (processing time, epoch millis). */
    public long listedAtMillis;

    public ListedLogFile() {}

    @Override
    public String toString() {
        return "ListedLogFile{" + fileKey + " in " + digestKey + "}";
    }
}
