package io.trailstream.integrity.chain;

/**
 * What the chain operator remembers of a chain as a whole: its newest digest, when it arrived, and whether its
 * overdue successor was already reported, so a gap is reported once and its end is seen. A Flink POJO.
 */
public class ChainWatch {
    public String integrationId;
    public String accountId;
    public String region;
    public String trailName;
    public boolean backfill;
    /** The newest digest's end time and key. */
    public long newestEndMillis;

    public String newestKey;
    /** When the newest digest arrived (processing time). */
    public long newestArrivedMillis;
    /** Whether the digest after the newest one was reported overdue. */
    public boolean overdueReported;

    public ChainWatch() {}
}
