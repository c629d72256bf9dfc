package io.trailstream.cli;

import io.trailstream.aws.Backoff;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts replay notifications on the job's notification stream with {@code PutRecords}, up to 500 a call (the
 * API's limit), and puts again the entries a call did not take (throttled shards, internal failures), with a
 * growing pause, a few times. A backfill may be thousands of objects: one call each would be slow and would
 * fail as a whole on the first throttled shard.
 */
final class KinesisReplayPublisher implements AutoCloseable {
    /** PutRecords takes at most this many entries. */
    static final int BATCH = 500;
    /** Kinesis partition keys are at most this many characters. */
    static final int MAX_PARTITION_KEY = 256;
    /** The longest pause between two attempts. */
    private static final long MAX_PAUSE_MILLIS = 5_000;

    /** One notification to put: its partition key and payload. */
    record Replay(String partitionKey, String json, String what) {}

    /** What could not be put after every attempt, with the error Kinesis gave for it. */
    record Failure(Replay replay, String error) {}

    private final KinesisClient client;
    private final KinesisStreamRef stream;
    private final int attempts;
    private final Backoff backoff;

    /**
     * @param attempts how many times an entry is put at most (at least 1)
     * @param firstPauseMillis the pause before the second attempt; doubled for each further one, at most 5 s,
     *     with jitter
     */
    KinesisReplayPublisher(KinesisClient client, KinesisStreamRef stream, int attempts, long firstPauseMillis) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        this.client = client;
        this.stream = stream;
        this.attempts = attempts;
        this.backoff = new Backoff(
                Duration.ofMillis(firstPauseMillis), Duration.ofMillis(Math.max(firstPauseMillis, MAX_PAUSE_MILLIS)));
    }

    /** The partition key of an object: {@code bucket/key}, or its SHA-256 in hex when that is too long for Kinesis. */
    static String partitionKey(String bucket, String key) {
        String plain = bucket + "/" + key;
        if (plain.codePointCount(0, plain.length()) <= MAX_PARTITION_KEY) return plain;
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts every replay; returns those that could not be put, empty when all were.
     *
     * @throws IOException when a call fails as a whole (no such stream, no permission, no network)
     */
    List<Failure> publish(List<Replay> replays) throws IOException {
        List<Failure> failed = new ArrayList<>();
        for (int from = 0; from < replays.size(); from += BATCH) {
            failed.addAll(putBatch(replays.subList(from, Math.min(replays.size(), from + BATCH))));
        }
        return failed;
    }

    private List<Failure> putBatch(List<Replay> batch) throws IOException {
        List<Replay> pending = batch;
        List<Failure> failures = List.of();
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) pause(attempt);
            PutRecordsResponse response = call(pending);
            List<Replay> retry = new ArrayList<>();
            List<Failure> now = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry r = results.get(i);
                if (r.errorCode() != null) {
                    retry.add(pending.get(i));
                    now.add(new Failure(pending.get(i), r.errorCode() + ": " + r.errorMessage()));
                }
            }
            pending = retry;
            failures = now;
        }
        return failures;
    }

    private PutRecordsResponse call(List<Replay> entries) throws IOException {
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (Replay r : entries) {
            records.add(PutRecordsRequestEntry.builder()
                    .partitionKey(r.partitionKey())
                    .data(SdkBytes.fromUtf8String(r.json()))
                    .build());
        }
        try {
            PutRecordsResponse response = client.putRecords(
                    stream.address(PutRecordsRequest.builder()).records(records).build());
            if (response.records().size() != entries.size()) {
                throw new IOException("PutRecords to Kinesis stream " + stream + " answered "
                        + response.records().size() + " results for " + entries.size() + " records");
            }
            return response;
        } catch (AwsServiceException e) {
            String why = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage() + " (request " + e.requestId() + ")";
            throw new IOException("PutRecords to Kinesis stream " + stream + " failed: " + why, e);
        } catch (SdkException e) {
            throw new IOException("PutRecords to Kinesis stream " + stream + " failed: " + e.getMessage(), e);
        }
    }

    private void pause(int attempt) throws IOException {
        long millis = backoff.delayMillis(attempt - 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to put records again");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
