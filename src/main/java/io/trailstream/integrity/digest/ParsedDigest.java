package io.trailstream.integrity.digest;

/**
 * A digest file's bytes as read: the SHA-256 of its uncompressed bytes (the hash its successor names and its
 * signature covers), and either its {@link DigestDocument} or why it is not a digest ({@code invalid_format}).
 */
public final class ParsedDigest {
    /** Lower-case hex SHA-256 of the exact uncompressed bytes; null when they could not be decompressed. */
    public final String sha256;
    /** The fields; null when {@link #formatError} is set. */
    public final DigestDocument document;

    public final String formatError;

    private ParsedDigest(String sha256, DigestDocument document, String formatError) {
        this.sha256 = sha256;
        this.document = document;
        this.formatError = formatError;
    }

    static ParsedDigest of(String sha256, DigestDocument document) {
        return new ParsedDigest(sha256, document, null);
    }

    static ParsedDigest invalid(String sha256, String formatError) {
        return new ParsedDigest(sha256, null, formatError);
    }

    public boolean isValidFormat() {
        return formatError == null;
    }
}
