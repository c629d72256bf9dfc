package io.trailstream.integrity.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Public keys from a JSON file, {@code {"<fingerprint hex>": "<base64 DER>"}}, named by
 * {@code integrity.public-keys}: for tests that sign their own digests and for air-gapped sites that pin
 * CloudTrail's keys. The same keys serve every region and time. Each fingerprint must be the MD5 of its DER,
 * so a wrong entry fails when the file is read, naming it, instead of failing every digest later.
 */
public final class FilePublicKeys implements PublicKeySource {
    private static final long serialVersionUID = 1L;

    private final String file;
    private transient Map<String, byte[]> keys;

    public FilePublicKeys(Path file) {
        this.file = file.toString();
    }

    @Override
    public synchronized Map<String, byte[]> keys(String region, Instant from, Instant to) throws IOException {
        if (keys == null) keys = read(Path.of(file));
        return keys;
    }

    /** Reads and checks the file. */
    static Map<String, byte[]> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read public keys file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("public keys file " + file + " must hold a JSON object of fingerprint to base64 DER");
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fingerprint = e.getKey().toLowerCase(Locale.ROOT);
            if (!e.getValue().isTextual()) {
                throw new IOException("public keys file " + file + ": the key of " + fingerprint + " is not a string");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(e.getValue().textValue());
            } catch (IllegalArgumentException notBase64) {
                throw new IOException("public keys file " + file + ": the key of " + fingerprint + " is not base64");
            }
            String actual = RsaPublicKeys.fingerprint(der);
            if (!actual.equals(fingerprint)) {
                throw new IOException("public keys file " + file + ": the key listed as " + fingerprint
                        + " has fingerprint " + actual + " (the MD5 of its DER bytes)");
            }
            out.put(fingerprint, der);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String describe() {
        return "public keys file " + file;
    }
}
