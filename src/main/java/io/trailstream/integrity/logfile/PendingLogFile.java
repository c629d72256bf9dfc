package io.trailstream.integrity.logfile;

import io.trailstream.integrity.ListedLogFile;

/**
 * What the log-file check knows of one file (keyed state, one per file, TTL'd): the signed listing and what the job
 * made of the file, whichever came first; whether a row was written; until when the other half is awaited.
 * A Flink POJO of a few hundred bytes.
 */
public class PendingLogFile {
    /** The digest's listing, null until it came. */
    public ListedLogFile listed;
    /** The file's ledger facts, null until they came (or while only a failed read was seen). */
    public LogFileSeen seen;
    /** Whether a row was written; later halves are compared again (a re-ingestion, a second listing). */
    public boolean decided;
    /** Processing time (epoch millis) after which the missing half is given up on. */
    public long deadlineMillis;

    public PendingLogFile() {}
}
