package io.trailstream.integrity;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The typed options of CloudTrail log file validation in the stream (digest signatures, chains, log-file hashes)
 * and of event-level dedupe: one place that names every key, its default and what it does.
 */
public final class IntegrityOptions {
    private IntegrityOptions() {}

    public static final ConfigOption<Boolean> ENABLED = ConfigOptions.key("integrity.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("Fetch every digest file and verify it (signature, location, chain) and each log file "
                    + "it lists (SHA-256 of the uncompressed bytes); results go to the integrity table. false: "
                    + "digests are recorded from their key only, as before.");

    public static final ConfigOption<String> PUBLIC_KEYS = ConfigOptions.key("integrity.public-keys")
            .stringType()
            .noDefaultValue()
            .withDescription("A JSON file {\"<fingerprint hex>\": \"<base64 DER>\"} of the public keys that sign "
                    + "digests (tests, air-gapped sites). Unset: CloudTrail ListPublicKeys in each digest's region, "
                    + "with the job's own AWS identity (the s3.credentials.* settings), cached for an hour.");

    public static final ConfigOption<String> CLOUDTRAIL_ENDPOINT = ConfigOptions.key("integrity.cloudtrail.endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription("Endpoint override for CloudTrail ListPublicKeys (a VPC endpoint, a test server). "
                    + "Unset: the regional AWS endpoint of each digest's region.");

    public static final ConfigOption<Duration> CHAIN_GRACE = ConfigOptions.key("integrity.chain.grace")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("How long a digest waits for the previous digest it names before that one is "
                    + "reported missing (when the chain was watched before it) or its link is left unchecked.");

    public static final ConfigOption<Duration> CHAIN_RETENTION = ConfigOptions.key("integrity.chain.retention")
            .durationType()
            .defaultValue(Duration.ofDays(2))
            .withDescription("How long each digest's hashes are kept in state for its successor's check (about "
                    + "200 bytes per digest, one chain per account, region and trail).");

    public static final ConfigOption<Duration> MISSING_GRACE = ConfigOptions.key("integrity.log-file.missing-grace")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("How long a log file a signed digest lists may take to be read before it is "
                    + "reported missing.");

    public static final ConfigOption<Duration> UNLISTED_GRACE = ConfigOptions.key("integrity.log-file.unlisted-grace")
            .durationType()
            .defaultValue(Duration.ofHours(3))
            .withDescription("How long a log file that was read may take to appear in a signed digest before it "
                    + "is reported unlisted (CloudTrail lists a file in the digest of the hour after its delivery).");

    public static final ConfigOption<Duration> LOG_FILE_RETENTION = ConfigOptions.key("integrity.log-file.retention")
            .durationType()
            .defaultValue(Duration.ofDays(2))
            .withDescription("How long what is known of one log file (its listing, its hash) is kept in state, "
                    + "so a late digest or a re-ingestion is still compared (a few hundred bytes per file).");

    public static final ConfigOption<Boolean> EVENT_DEDUPE = ConfigOptions.key("dedupe.events")
            .booleanType()
            .defaultValue(false)
            .withDescription("Drop a record whose eventID the same integration delivered before, within "
                    + "dedupe.events.ttl (CloudTrail may deliver a record in two files). Costs a keyBy of every "
                    + "record and one state entry per eventID; counted in the ledger's duplicate_events.");

    public static final ConfigOption<Duration> EVENT_DEDUPE_TTL = ConfigOptions.key("dedupe.events.ttl")
            .durationType()
            .defaultValue(Duration.ofDays(1))
            .withDescription("How long an eventID is remembered for event dedupe.");
}
