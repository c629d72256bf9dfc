package io.trailstream.integrity.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.object.gzip.Gzip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a digest file from its exact stored bytes: gunzips them (one gzip member, nothing after it), hashes the
 * uncompressed bytes as they are (never re-serialized JSON), and reads the fields, strictly: a field of the wrong
 * type, a time that is no instant, a hash that is not 64 hex digits or an algorithm other than SHA-256 makes the
 * digest {@code invalid_format}, with a reason naming the field. Stateless and thread-safe.
 */
public final class DigestParser {
    /** Larger uncompressed digests are refused: a digest of an hour lists a few hundred files at most. */
    static final int MAX_UNCOMPRESSED_BYTES = 64 << 20;

    static final String SHA_256 = "SHA-256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DigestParser() {}

    /** Parses {@code stored}, the digest object's bytes as stored (gzip, or plain JSON). */
    public static ParsedDigest parse(byte[] stored) {
        Uncompressed u = decompress(stored);
        if (u.bytes == null) return ParsedDigest.invalid(null, u.error);
        String sha256 = sha256Hex(u.bytes);
        if (u.error != null) return ParsedDigest.invalid(sha256, u.error);
        try {
            return ParsedDigest.of(sha256, fields(JSON.readTree(u.bytes)));
        } catch (JsonProcessingException e) {
            return ParsedDigest.invalid(sha256, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParsedDigest.invalid(sha256, "not JSON: " + e.getMessage());
        } catch (FormatException e) {
            return ParsedDigest.invalid(sha256, e.getMessage());
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The uncompressed bytes, in one pass; an error when they cannot be read, or when anything follows the first
     * gzip member (the bytes of the first member are then kept, for the hash).
     */
    private static Uncompressed decompress(byte[] stored) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) Math.min(MAX_UNCOMPRESSED_BYTES, 8L * stored.length));
        InputStream in = null;
        try {
            in = Gzip.decompressIfGzip(new ByteArrayInputStream(stored));
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_UNCOMPRESSED_BYTES) {
                    return new Uncompressed(null, "larger than " + MAX_UNCOMPRESSED_BYTES + " bytes uncompressed");
                }
            }
        } catch (IOException e) {
            long end = in == null ? -1 : Gzip.firstMemberEnd(in);
            if (end < 0) return new Uncompressed(null, "not readable gzip: " + e.getMessage());
            return new Uncompressed(out.toByteArray(), afterEnd(stored.length, end));
        }
        long end = Gzip.firstMemberEnd(in);
        return new Uncompressed(
                out.toByteArray(), end >= 0 && end < stored.length ? afterEnd(stored.length, end) : null);
    }

    private static String afterEnd(long length, long end) {
        return (length - end) + " bytes after the end of the gzip stream (at byte " + end + ")";
    }

    private record Uncompressed(byte[] bytes, String error) {}

    private static DigestDocument fields(JsonNode root) throws FormatException {
        if (root == null || !root.isObject()) throw new FormatException("top level is not a JSON object");
        DigestDocument.Builder b = new DigestDocument.Builder();
        b.awsAccountId = required(root, "awsAccountId");
        b.startTime = instant(root, "digestStartTime", required(root, "digestStartTime"));
        b.endTimeText = required(root, "digestEndTime");
        b.endTime = instant(root, "digestEndTime", b.endTimeText);
        b.s3Bucket = required(root, "digestS3Bucket");
        b.s3Object = required(root, "digestS3Object");
        b.publicKeyFingerprint = required(root, "digestPublicKeyFingerprint").toLowerCase(Locale.ROOT);
        b.signatureAlgorithm = required(root, "digestSignatureAlgorithm");
        if (!root.has("previousDigestSignature")) throw new FormatException("no previousDigestSignature field");
        b.previousS3Bucket = optional(root, "previousDigestS3Bucket");
        b.previousS3Object = optional(root, "previousDigestS3Object");
        b.previousHashValue = hash(root, "previousDigestHashValue", optional(root, "previousDigestHashValue"));
        b.previousHashAlgorithm = optional(root, "previousDigestHashAlgorithm");
        b.previousSignature = optional(root, "previousDigestSignature");
        if (b.previousHashAlgorithm != null && !SHA_256.equals(b.previousHashAlgorithm)) {
            throw new FormatException("previousDigestHashAlgorithm is " + b.previousHashAlgorithm + ", not SHA-256");
        }
        JsonNode files = root.get("logFiles");
        if (files == null || !files.isArray()) throw new FormatException("logFiles is not an array");
        List<DigestDocument.Listed> listed = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String where = "logFiles[" + i + "]";
            if (!f.isObject()) throw new FormatException(where + " is not an object");
            String algorithm = required(f, where + ".hashAlgorithm", "hashAlgorithm");
            if (!SHA_256.equals(algorithm)) {
                throw new FormatException(where + ".hashAlgorithm is " + algorithm + ", not SHA-256");
            }
            listed.add(new DigestDocument.Listed(
                    required(f, where + ".s3Bucket", "s3Bucket"),
                    required(f, where + ".s3Object", "s3Object"),
                    hash(f, where + ".hashValue", required(f, where + ".hashValue", "hashValue"))));
        }
        b.logFiles = listed;
        return new DigestDocument(b);
    }

    private static String required(JsonNode node, String field) throws FormatException {
        return required(node, field, field);
    }

    private static String required(JsonNode node, String name, String field) throws FormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new FormatException("no " + name);
        if (!v.isTextual()) throw new FormatException(name + " is not a string");
        return v.textValue();
    }

    private static String optional(JsonNode node, String field) throws FormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new FormatException(field + " is not a string");
        return v.textValue();
    }

    private static Instant instant(JsonNode node, String name, String text) throws FormatException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FormatException(name + " '" + text + "' is not an ISO-8601 instant");
        }
    }

    private static String hash(JsonNode node, String name, String value) throws FormatException {
        if (value == null) return null;
        if (value.length() != 64 || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new FormatException(name + " is not 64 hex digits");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Why the bytes are not a digest. */
    private static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }
}
