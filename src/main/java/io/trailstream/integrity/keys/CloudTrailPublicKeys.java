package io.trailstream.integrity.keys;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysResponse;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

/**
 * CloudTrail's own public keys: {@code cloudtrail:ListPublicKeys} in the digest's region, through the project's
 * AWS layer, with the job's identity. Answers are cached per region and whole days of the range asked for
 * (hourly digests of one day share one call) for {@link #CACHE_TTL}, so a key CloudTrail rotates to is seen within
 * that time; failed calls are not cached. Thread-safe.
 */
public final class CloudTrailPublicKeys implements PublicKeySource {
    private static final long serialVersionUID = 1L;
    /** How long a region's answer is reused. */
    public static final Duration CACHE_TTL = Duration.ofHours(1);

    private static final int MAX_CACHED = 512;

    private final AwsClientSettings settings;
    private transient Map<String, CloudTrailClient> clients;
    private transient Map<String, Cached> cache;

    /** @param settings the client settings; the region is replaced by each digest's */
    public CloudTrailPublicKeys(AwsClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized Map<String, byte[]> keys(String region, Instant from, Instant to) throws IOException {
        if (cache == null) {
            clients = new HashMap<>();
            cache = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > MAX_CACHED;
                }
            };
        }
        Instant start = from.truncatedTo(ChronoUnit.DAYS);
        Instant end = to.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        String cacheKey = region + "/" + start + "/" + end;
        Cached hit = cache.get(cacheKey);
        long now = System.nanoTime();
        if (hit != null && now - hit.readAtNanos < CACHE_TTL.toNanos()) return hit.keys;
        Map<String, byte[]> keys = list(region, start, end);
        cache.put(cacheKey, new Cached(keys, now));
        return keys;
    }

    private Map<String, byte[]> list(String region, Instant start, Instant end) throws IOException {
        CloudTrailClient client = clients.computeIfAbsent(
                region,
                r -> AwsClients.cloudTrail(settings.toBuilder().region(r).build()));
        Map<String, byte[]> keys = new TreeMap<>();
        String next = null;
        try {
            do {
                ListPublicKeysResponse page = client.listPublicKeys(ListPublicKeysRequest.builder()
                        .startTime(start)
                        .endTime(end)
                        .nextToken(next)
                        .build());
                for (PublicKey k : page.publicKeyList()) {
                    if (k.value() == null) continue;
                    byte[] der = k.value().asByteArray();
                    // The fingerprint is the MD5 of the DER: computed, so a key is found by what the digest names.
                    keys.put(RsaPublicKeys.fingerprint(der), der);
                }
                next = page.nextToken();
            } while (next != null && !next.isEmpty());
        } catch (SdkException e) {
            throw new IOException("ListPublicKeys in " + region + " failed: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(keys);
    }

    @Override
    public String describe() {
        return "CloudTrail ListPublicKeys" + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.values().forEach(CloudTrailClient::close);
            clients.clear();
        }
    }

    private static final class Cached {
        final Map<String, byte[]> keys;
        final long readAtNanos;

        Cached(Map<String, byte[]> keys, long readAtNanos) {
            this.keys = keys;
            this.readAtNanos = readAtNanos;
        }
    }
}
