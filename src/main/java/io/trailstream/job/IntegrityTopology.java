package io.trailstream.job;

import io.trailstream.iceberg.IcebergSinks;
import io.trailstream.iceberg.IntegrityTable;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.integrity.HealthOptions;
import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.integrity.chain.DigestChainFunction;
import io.trailstream.integrity.digest.DigestVerifyFunction;
import io.trailstream.integrity.digest.VerifiedDigest;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.integrity.keys.PublicKeySources;
import io.trailstream.integrity.logfile.LogFileMatchFunction;
import io.trailstream.integrity.logfile.LogFileSeen;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.object.FetchedDigest;
import io.trailstream.object.store.S3Settings;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Adds log file validation to the topology: digests are verified where they were fetched, keyed by chain for the
 * chain rules, and their listings keyed by log file where they meet the files' ledger rows; every check becomes an
 * {@code integrity} row. It assembles the integrity package's tested parts and holds no logic.
 *
 * <pre>
 * digests ─► verify (signature, location, key) ─► keyBy(chain) chains ─► integrity rows, chain health
 *                 └─ listed files ─► keyBy(file) match ◄─ keyBy(file) ledger rows of log files
 * </pre>
 */
final class IntegrityTopology {
    private IntegrityTopology() {}

    /** Attaches the checks; returns what the chains say of delivery, for the integrations' health. */
    static DataStream<HealthSignal> attach(
            Configuration conf, DataStream<FetchedDigest> digests, DataStream<LedgerRow> ledger, IcebergSinks sinks) {
        SingleOutputStreamOperator<VerifiedDigest> verified = digests.process(
                        new DigestVerifyFunction(PublicKeySources.fromConfiguration(
                                conf, S3Settings.fromConfiguration(conf).clientSettings())))
                .returns(TypeInformation.of(VerifiedDigest.class))
                .uid("verify-digests")
                .name("verify digest signatures");
        SingleOutputStreamOperator<IntegrityCheck> digestChecks = verified.keyBy(d -> d.chainId, Types.STRING)
                .process(new DigestChainFunction(
                        TrailstreamOptions.positive(conf, IntegrityOptions.CHAIN_GRACE),
                        TrailstreamOptions.positive(conf, IntegrityOptions.CHAIN_RETENTION),
                        conf.get(HealthOptions.DIGEST_DELAY)))
                .returns(TypeInformation.of(IntegrityCheck.class))
                .uid("check-digest-chains")
                .name("check digest chains");
        DataStream<LogFileSeen> seen = ledger.flatMap(
                        (LedgerRow row, org.apache.flink.util.Collector<LogFileSeen> out) -> {
                            LogFileSeen s = LogFileSeen.of(row);
                            if (s != null) out.collect(s);
                        })
                .returns(TypeInformation.of(LogFileSeen.class))
                .uid("log-files-seen")
                .name("log files read");
        DataStream<ListedLogFile> listed = verified.getSideOutput(DigestVerifyFunction.LISTED);
        SingleOutputStreamOperator<IntegrityCheck> fileChecks = listed.keyBy(l -> l.fileKey, Types.STRING)
                .connect(seen.keyBy(s -> s.fileKey, Types.STRING))
                .process(new LogFileMatchFunction(
                        TrailstreamOptions.positive(conf, IntegrityOptions.MISSING_GRACE),
                        TrailstreamOptions.positive(conf, IntegrityOptions.UNLISTED_GRACE),
                        TrailstreamOptions.positive(conf, IntegrityOptions.LOG_FILE_RETENTION)))
                .returns(TypeInformation.of(IntegrityCheck.class))
                .uid("match-log-files")
                .name("check log files against digests");
        sinks.append(
                digestChecks.union(fileChecks),
                IntegrityTable::toRow,
                TrailTables.INTEGRITY,
                "integrity-rows",
                "integrity rows");
        return digestChecks.getSideOutput(DigestChainFunction.HEALTH);
    }
}
