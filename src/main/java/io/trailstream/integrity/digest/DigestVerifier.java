package io.trailstream.integrity.digest;

import io.trailstream.integrity.BucketNames;
import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.integrity.keys.PublicKeySource;
import io.trailstream.integrity.keys.RsaPublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of one digest that need nothing but the digest: its format, that it is where it says it is (bucket
 * and key, and its account that of its key), its algorithms, the public key its fingerprint names (in its region,
 * valid from its start to two hours after its end, as the AWS CLI asks, to survive key rotation at the edges), and
 * its signature. The first failure decides; a digest that passes lists its log files as expectations. Pure but
 * for the key source; thread-safe when that is.
 */
public final class DigestVerifier {
    /** The CLI's margin after a digest's end when it asks for keys. */
    static final Duration KEY_WINDOW_AFTER_END = Duration.ofHours(2);

    private final PublicKeySource keys;

    public DigestVerifier(PublicKeySource keys) {
        this.keys = keys;
    }

    /** A digest's checks, and the log files it lists when they passed. */
    public record Result(VerifiedDigest digest, List<ListedLogFile> listed) {}

    /**
     * Checks the digest object read at {@code scheme://bucket/key}.
     *
     * @param stored its bytes as stored
     * @param metadata its user metadata, names without {@code x-amz-meta-}
     */
    public Result verify(
            String integrationId,
            String scheme,
            String bucket,
            String key,
            byte[] stored,
            Map<String, String> metadata,
            long nowMillis) {
        String bucketName = BucketNames.of(scheme, bucket);
        VerifiedDigest v = new VerifiedDigest();
        v.integrationId = integrationId;
        v.bucket = bucketName;
        v.key = key;
        v.checkedAtMillis = nowMillis;
        DigestName name = DigestName.parse(key);
        if (name == null) return fail(v, CheckStatus.INVALID_FORMAT, "the key is not a digest's key");
        v.chainId = VerifiedDigest.chainIdOf(bucketName, name);
        v.organizationId = name.organizationId;
        v.accountId = name.accountId;
        v.region = name.region;
        v.trailName = name.trailName;
        v.backfill = name.backfill;
        v.endTimeMillis = name.endTime.toEpochMilli();
        String signature = metadata == null ? null : metadata.get(DigestSignature.METADATA_SIGNATURE);
        if (signature != null) v.signatureSha256 = signatureHash(signature);

        ParsedDigest parsed = DigestParser.parse(stored);
        v.sha256 = parsed.sha256;
        if (!parsed.isValidFormat()) return fail(v, CheckStatus.INVALID_FORMAT, parsed.formatError);
        DigestDocument d = parsed.document;
        v.startTimeMillis = d.startTime.toEpochMilli();
        v.endTimeMillis = d.endTime.toEpochMilli();
        v.logFileCount = d.logFiles.size();
        v.startsChain = d.startsChain();
        v.previousBucket = d.previousS3Bucket;
        v.previousKey = d.previousS3Object;
        v.previousSha256 = d.previousHashValue;
        v.previousSignatureSha256 = d.previousSignature == null ? null : signatureHash(d.previousSignature);

        if (!bucketName.equals(d.s3Bucket) || !key.equals(d.s3Object)) {
            return fail(
                    v,
                    CheckStatus.MOVED,
                    "signed for s3://" + d.s3Bucket + "/" + d.s3Object + ", read at " + bucketName + "/" + key);
        }
        if (!d.awsAccountId.equals(name.accountId)) {
            return fail(
                    v,
                    CheckStatus.INVALID_FORMAT,
                    "awsAccountId " + d.awsAccountId + " is not the account of its key, " + name.accountId);
        }
        String metaAlgorithm = metadata == null ? null : metadata.get(DigestSignature.METADATA_ALGORITHM);
        if (!DigestSignature.ALGORITHM.equals(d.signatureAlgorithm)) {
            return fail(
                    v,
                    CheckStatus.INVALID_SIGNATURE,
                    "digestSignatureAlgorithm " + d.signatureAlgorithm + " is not " + DigestSignature.ALGORITHM);
        }
        if (signature == null || metaAlgorithm == null) {
            return fail(v, CheckStatus.INVALID_SIGNATURE, "no signature and signature-algorithm in its S3 metadata");
        }
        if (!DigestSignature.ALGORITHM.equalsIgnoreCase(metaAlgorithm)) {
            return fail(
                    v,
                    CheckStatus.INVALID_SIGNATURE,
                    "signature-algorithm " + metaAlgorithm + " is not " + DigestSignature.ALGORITHM);
        }
        PublicKey publicKey;
        try {
            byte[] der = keys.keys(name.region, d.startTime, d.endTime.plus(KEY_WINDOW_AFTER_END))
                    .get(d.publicKeyFingerprint);
            if (der == null) {
                return fail(
                        v,
                        CheckStatus.NO_PUBLIC_KEY,
                        "no public key with fingerprint " + d.publicKeyFingerprint + " in " + name.region + " from "
                                + keys.describe());
            }
            publicKey = RsaPublicKeys.parse(der);
        } catch (IOException e) {
            return fail(v, CheckStatus.NO_PUBLIC_KEY, "public keys not readable: " + e.getMessage());
        } catch (InvalidKeySpecException e) {
            return fail(
                    v,
                    CheckStatus.NO_PUBLIC_KEY,
                    "the key with fingerprint " + d.publicKeyFingerprint + " is " + e.getMessage());
        }
        if (!DigestSignature.verify(publicKey, SignedString.of(d, parsed.sha256), signature)) {
            return fail(
                    v,
                    CheckStatus.INVALID_SIGNATURE,
                    "the signature does not verify with the key " + d.publicKeyFingerprint);
        }
        v.reason = "signature verified with key " + d.publicKeyFingerprint + ", " + d.logFiles.size() + " log files";
        return new Result(v, listed(v, d, nowMillis));
    }

    private static List<ListedLogFile> listed(VerifiedDigest v, DigestDocument d, long nowMillis) {
        List<ListedLogFile> out = new ArrayList<>(d.logFiles.size());
        for (DigestDocument.Listed f : d.logFiles) {
            ListedLogFile l = new ListedLogFile();
            l.fileKey = BucketNames.fileKey(f.s3Bucket(), f.s3Object());
            l.bucket = f.s3Bucket();
            l.key = f.s3Object();
            l.expectedSha256 = f.hashValue();
            l.integrationId = v.integrationId;
            l.digestBucket = v.bucket;
            l.digestKey = v.key;
            l.organizationId = v.organizationId;
            l.accountId = v.accountId;
            l.region = v.region;
            l.trailName = v.trailName;
            l.backfill = v.backfill;
            l.digestEndTimeMillis = v.endTimeMillis;
            l.listedAtMillis = nowMillis;
            out.add(l);
        }
        return out;
    }

    private static Result fail(VerifiedDigest v, CheckStatus status, String reason) {
        v.failure = status;
        v.reason = reason;
        return new Result(v, List.of());
    }

    /** SHA-256 of a signature's lower-case hex: how signatures are compared along a chain. */
    public static String signatureHash(String signatureHex) {
        return DigestParser.sha256Hex(
                signatureHex.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
