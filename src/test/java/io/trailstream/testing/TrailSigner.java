package io.trailstream.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Test support: CloudTrail as a signer. It makes its own 2048-bit RSA key pair, publishes the public key as
 * {@code integrity.public-keys} reads it, and writes log files and hourly digests the way CloudTrail does: keys of
 * the real layout, gzip JSON, each digest signed with {@code SHA256withRSA} over the documented string and carrying
 * its hex signature as S3 user metadata, chained to its predecessor by hash and signature. Drafts can be tampered
 * with before or after signing, which is how a test makes a forged, moved or broken digest through the same path.
 *
 * <pre>{@code
 * TrailSigner signer = new TrailSigner();
 * TrailSigner.Trail trail = signer.trail("acme-trail", null, null, "111122223333", "eu-west-1");
 * TrailSigner.LogFile f = trail.logFile(Instant.parse("2026-11-26T09:05:00Z"), 3);
 * TrailSigner.SignedDigest d = trail.digest(Instant.parse("2026-11-26T10:00:00Z")).files(f).build();
 * }</pre>
 */
public final class TrailSigner {
    public static final String TRAIL_NAME = "management_events";
    public static final String HOME_REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DIGEST_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final KeyPair keys;
    private int unique;

    public TrailSigner() {
        this.keys = newKeyPair();
    }

    /** A fresh 2048-bit RSA key pair (a forger's, say). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /** The public key as X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKeyDer() {
        return keys.getPublic().getEncoded();
    }

    /** The hex MD5 of the published DER: what digests name the key by. */
    public String fingerprint() {
        return hex(hash("MD5", publicKeyDer()));
    }

    /** Writes {@code {"<fingerprint>": "<base64 DER>"}} to {@code file} and returns it. */
    public Path writePublicKeys(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, publicKeysJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public String publicKeysJson() {
        return "{\"" + fingerprint() + "\":\"" + Base64.getEncoder().encodeToString(publicKeyDer()) + "\"}";
    }

    /** The trail of one account and region: its log files and its chain of digests. */
    public Trail trail(String bucket, String prefix, String organizationId, String account, String region) {
        return new Trail(bucket, prefix, organizationId, account, region);
    }

    /** A log file as stored: its key, gzip bytes, uncompressed bytes and their SHA-256. */
    public record LogFile(String bucket, String key, byte[] stored, byte[] uncompressed, List<String> eventIds) {
        public String sha256() {
            return hex(hash("SHA-256", uncompressed));
        }
    }

    /** A digest as stored: key, gzip bytes, the JSON, its SHA-256 and the S3 user metadata with its signature. */
    public record SignedDigest(
            String bucket, String key, byte[] stored, String json, String sha256, String signatureHex) {
        public Map<String, String> metadata() {
            return Map.of("signature", signatureHex, "signature-algorithm", "SHA256withRSA");
        }
    }

    /** One account's and region's trail. */
    public final class Trail {
        final String bucket;
        final String prefix;
        final String organizationId;
        final String account;
        final String region;
        private SignedDigest previous;

        Trail(String bucket, String prefix, String organizationId, String account, String region) {
            this.bucket = bucket;
            this.prefix = prefix;
            this.organizationId = organizationId;
            this.account = account;
            this.region = region;
        }

        private String base(String service) {
            return (prefix == null ? "" : prefix + "/") + "AWSLogs/"
                    + (organizationId == null ? "" : organizationId + "/") + account + "/" + service + "/" + region
                    + "/";
        }

        /** A log file delivered at {@code at} with {@code records} records, each with a fresh eventID. */
        public LogFile logFile(Instant at, int records) {
            List<String> ids = new ArrayList<>();
            List<String> recs = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                String id = String.format("%08x-0000-4000-8000-%012d", at.getEpochSecond(), ++unique);
                ids.add(id);
                recs.add(record(id, at.minusSeconds(60 + i)));
            }
            return logFileOf(at, recs, ids);
        }

        /** A log file delivered at {@code at} holding these exact records (JSON objects). */
        public LogFile logFileOf(Instant at, List<String> records, List<String> eventIds) {
            String name = account + "_CloudTrail_" + region + "_" + LOG_STAMP.format(at) + "_"
                    + String.format("%016d", ++unique).replace('0', 'a') + ".json.gz";
            String key = base("CloudTrail") + DAY.format(at) + "/" + name;
            byte[] json = ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
            return new LogFile(bucket, key, gzip(json), json, eventIds);
        }

        /** A record of this trail's account and region. */
        public String record(String eventId, Instant time) {
            return "{\"eventVersion\":\"1.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"" + account
                    + "\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":"
                    + "\"ListBuckets\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"192.0.2.7\","
                    + "\"eventID\":\"" + eventId + "\",\"eventType\":\"AwsApiCall\",\"readOnly\":true,"
                    + "\"recipientAccountId\":\"" + account + "\"}";
        }

        /** The key of this trail's digest ending at {@code end}. */
        public String digestKey(Instant end, boolean backfill) {
            return base("CloudTrail-Digest") + DAY.format(end) + "/" + account + "_CloudTrail-Digest_" + region + "_"
                    + TRAIL_NAME + "_" + HOME_REGION + "_" + DIGEST_STAMP.format(end) + (backfill ? "_backfill" : "")
                    + ".json.gz";
        }

        /** A draft of the hourly digest ending at {@code end}, chained to the last one built (if any). */
        public Draft digest(Instant end) {
            return new Draft(this, end);
        }

        /** Forgets the chain: the next digest starts a new one (logging restarted). */
        public Trail restart() {
            previous = null;
            return this;
        }
    }

    /** A digest before it is signed: what a test may change, then {@link #build()}. */
    public final class Draft {
        private final Trail trail;
        private final Instant end;
        private final List<LogFile> files = new ArrayList<>();
        private Consumer<ObjectNode> beforeSigning = n -> {};
        private Consumer<ObjectNode> afterSigning = null;
        private KeyPair signingKeys = keys;
        private boolean backfill;
        private String readAt;

        Draft(Trail trail, Instant end) {
            this.trail = trail;
            this.end = end;
        }

        public Draft files(LogFile... logFiles) {
            files.addAll(List.of(logFiles));
            return this;
        }

        public Draft backfill() {
            backfill = true;
            return this;
        }

        /** Changes the JSON before it is signed (the digest stays validly signed). */
        public Draft signedWith(Consumer<ObjectNode> edit) {
            beforeSigning = beforeSigning.andThen(edit);
            return this;
        }

        /** Changes the JSON after it is signed (a forgery: the signature no longer matches). */
        public Draft forged(Consumer<ObjectNode> edit) {
            afterSigning = edit;
            return this;
        }

        /** Signs with other keys than the published ones. */
        public Draft signingKeys(KeyPair other) {
            signingKeys = other;
            return this;
        }

        /** The digest is stored under another key than the one it was signed for (a copy, a move). */
        public Draft storedAt(String key) {
            readAt = key;
            return this;
        }

        public SignedDigest build() {
            String key = trail.digestKey(end, backfill);
            ObjectNode d = JSON.createObjectNode();
            d.put("awsAccountId", trail.account);
            d.put("digestStartTime", end.minusSeconds(3600).toString());
            d.put("digestEndTime", end.toString());
            d.put("digestS3Bucket", trail.bucket);
            d.put("digestS3Object", key);
            d.put("digestPublicKeyFingerprint", fingerprint());
            d.put("digestSignatureAlgorithm", "SHA256withRSA");
            d.putNull("newestEventTime");
            d.putNull("oldestEventTime");
            SignedDigest p = backfill ? null : trail.previous;
            d.put("previousDigestS3Bucket", p == null ? null : p.bucket());
            d.put("previousDigestS3Object", p == null ? null : p.key());
            d.put("previousDigestHashValue", p == null ? null : p.sha256());
            d.put("previousDigestHashAlgorithm", p == null ? null : "SHA-256");
            d.put("previousDigestSignature", p == null ? null : p.signatureHex());
            ArrayNode list = d.putArray("logFiles");
            for (LogFile f : files) {
                ObjectNode n = list.addObject();
                n.put("s3Bucket", f.bucket());
                n.put("s3Object", f.key());
                n.put("hashValue", f.sha256());
                n.put("hashAlgorithm", "SHA-256");
                n.put("newestEventTime", end.minusSeconds(600).toString());
                n.put("oldestEventTime", end.minusSeconds(3000).toString());
            }
            beforeSigning.accept(d);
            byte[] json = write(d);
            String sha = hex(hash("SHA-256", json));
            String signed = d.get("digestEndTime").asText() + "\n"
                    + d.get("digestS3Bucket").asText() + "/"
                    + d.get("digestS3Object").asText() + "\n" + sha + "\n"
                    + (d.get("previousDigestSignature").isNull()
                            ? "null"
                            : d.get("previousDigestSignature").asText());
            String signature = hex(sign(signingKeys, signed.getBytes(StandardCharsets.UTF_8)));
            if (afterSigning != null) {
                afterSigning.accept(d);
                json = write(d);
                sha = hex(hash("SHA-256", json));
            }
            SignedDigest out = new SignedDigest(
                    trail.bucket,
                    readAt == null ? key : readAt,
                    gzip(json),
                    new String(json, StandardCharsets.UTF_8),
                    sha,
                    signature);
            if (!backfill) trail.previous = out;
            return out;
        }
    }

    private static byte[] write(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sign(KeyPair keys, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One gzip member, as CloudTrail writes. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] hash(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Writes an object into a local folder that plays the bucket, with its user metadata in the
     * {@code KEY.s3meta.json} sidecar when there is any.
     */
    public static void writeLocal(Path folder, String key, byte[] stored, Map<String, String> metadata) {
        try {
            Path file = folder.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, stored);
            if (metadata != null && !metadata.isEmpty()) {
                Files.writeString(
                        file.resolveSibling(file.getFileName() + ".s3meta.json"), JSON.writeValueAsString(metadata));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
