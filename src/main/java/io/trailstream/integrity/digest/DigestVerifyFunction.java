package io.trailstream.integrity.digest;

import io.trailstream.integrity.ListedLogFile;
import io.trailstream.integrity.keys.PublicKeySource;
import io.trailstream.object.FetchedDigest;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Verifies each fetched digest on its own ({@link DigestVerifier}): stateless, so it runs wherever the digest was
 * fetched, before the digests are keyed by chain. Emits the verified digest for its chain and, on {@link #LISTED},
 * the log files a digest whose signature verified lists.
 */
public class DigestVerifyFunction extends ProcessFunction<FetchedDigest, VerifiedDigest> {
    private static final long serialVersionUID = 1L;

    /** The log files signed digests list, for the log-file check. */
    public static final OutputTag<ListedLogFile> LISTED =
            new OutputTag<>("listed-log-files", TypeInformation.of(ListedLogFile.class)) {};

    private final PublicKeySource keys;
    private transient DigestVerifier verifier;

    public DigestVerifyFunction(PublicKeySource keys) {
        this.keys = keys;
    }

    @Override
    public void open(OpenContext openContext) {
        verifier = new DigestVerifier(keys);
    }

    @Override
    public void processElement(FetchedDigest d, Context ctx, Collector<VerifiedDigest> out) {
        DigestVerifier.Result r = verifier.verify(
                d.integrationId,
                d.scheme,
                d.bucket,
                d.key,
                d.bytes,
                d.metadata,
                ctx.timerService().currentProcessingTime());
        out.collect(r.digest());
        for (ListedLogFile l : r.listed()) ctx.output(LISTED, l);
    }

    @Override
    public void close() {
        keys.close();
    }
}
