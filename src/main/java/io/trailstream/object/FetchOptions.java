package io.trailstream.object;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * The options that bound what fetching and parsing hold, whatever the input: the size of one record, the
 * compressed bytes a fetch subtask keeps in memory, and the bytes it spools to local disk. Read once on the
 * client into {@link FetchLimits}.
 */
public final class FetchOptions {
    private FetchOptions() {}

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE = ConfigOptions.key("records.max-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(16))
            .withDescription("A record (one element of a log file's Records array) larger than this, as JSON text, "
                    + "is skipped as it streams past, without being held in memory: its object's other records are "
                    + "kept, its ledger row says partial and names it. CloudTrail truncates a field over its maximum "
                    + "size (and says omitted), so its records are at most a few hundred KB: the default is far above "
                    + "any real record, and bounds the parser's memory per subtask.");

    public static final ConfigOption<MemorySize> MEMORY_BUDGET = ConfigOptions.key("fetch.memory-budget")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(64))
            .withDescription("Compressed bytes of objects a fetch subtask holds in memory at once, being downloaded "
                    + "or waiting to be parsed. A download waits until its object fits; objects larger than "
                    + "fetch.spool-threshold do not count here but are spooled to local disk.");

    public static final ConfigOption<MemorySize> SPOOL_THRESHOLD = ConfigOptions.key("fetch.spool-threshold")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(8))
            .withDescription("Objects larger than this (compressed, as stored) are downloaded to a local file and "
                    + "parsed from there, so that they take no heap; at most fetch.memory-budget.");

    public static final ConfigOption<MemorySize> SPOOL_BUDGET = ConfigOptions.key("fetch.spool-budget")
            .memoryType()
            .defaultValue(MemorySize.parse("4gb"))
            .withDescription("Bytes of spooled objects a fetch subtask keeps on local disk at once. A larger object "
                    + "waits until no other spooled object is held, then is spooled alone.");

    public static final ConfigOption<String> SPOOL_DIRECTORY = ConfigOptions.key("fetch.spool-directory")
            .stringType()
            .noDefaultValue()
            .withDescription("Folder for spooled objects; by default the TaskManager's first temporary folder "
                    + "(io.tmp.dirs). Each subtask writes in a folder of its own, removed when it closes.");

    public static final ConfigOption<Sha256Implementation> SHA256_IMPLEMENTATION = ConfigOptions.key(
                    "records.sha256-implementation")
            .enumType(Sha256Implementation.class)
            .defaultValue(Sha256Implementation.AUTO)
            .withDescription("Which code computes the SHA-256 of each log file's uncompressed bytes (the ledger's "
                    + "sha256, checked against digests): JDK (the SUN provider; fast where C2 compiles it to the "
                    + "CPU's SHA instructions), NSS (libnss3 through the JDK's SunPKCS11 provider; native, fast "
                    + "under any JIT; the JDK's where NSS does not load) or AUTO (NSS where the JDK's would run "
                    + "slowly: a JVM with C1 only, as `trailstream local`, or a CPU without SHA instructions).");
}
