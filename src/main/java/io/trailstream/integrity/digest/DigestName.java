package io.trailstream.integrity.digest;

import io.trailstream.trail.KeyClassifier;
import io.trailstream.trail.ObjectKind;
import io.trailstream.trail.TrailKey;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a digest's key says: the trail's prefix, Organization, account and region (from the folders), and from the
 * file name {@code ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHMMSSZ[_backfill].json.gz} the trail
 * name, its home region, the digest's end time and whether it is a backfill digest. Trail names may contain
 * {@code _}, so the name is read from the right.
 */
public final class DigestName {
    private static final KeyClassifier CLASSIFIER = new KeyClassifier();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String BACKFILL = "_backfill";

    public final String prefix;
    public final String organizationId;
    public final String accountId;
    public final String region;
    public final String trailName;
    public final String homeRegion;
    public final Instant endTime;
    public final boolean backfill;

    private DigestName(TrailKey key, String trailName, String homeRegion, Instant endTime, boolean backfill) {
        this.prefix = key.prefix;
        this.organizationId = key.organizationId;
        this.accountId = key.accountId;
        this.region = key.region;
        this.trailName = trailName;
        this.homeRegion = homeRegion;
        this.endTime = endTime;
        this.backfill = backfill;
    }

    /** The parts of digest key {@code key}, or null when it is not a digest's key. */
    public static DigestName parse(String key) {
        TrailKey trailKey = CLASSIFIER.classify(key);
        if (trailKey.kind != ObjectKind.DIGEST) return null;
        String file = key.substring(key.lastIndexOf('/') + 1);
        String base = file.endsWith(".json.gz")
                ? file.substring(0, file.length() - ".json.gz".length())
                : file.substring(0, file.length() - ".json".length());
        boolean backfill = base.endsWith(BACKFILL);
        if (backfill) base = base.substring(0, base.length() - BACKFILL.length());
        String head = trailKey.accountId + "_CloudTrail-Digest_" + trailKey.region + "_";
        String rest = base.substring(head.length());
        int stampAt = rest.lastIndexOf('_');
        int homeAt = rest.lastIndexOf('_', stampAt - 1);
        Instant end;
        try {
            end = LocalDateTime.parse(rest.substring(stampAt + 1), STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
        return new DigestName(trailKey, rest.substring(0, homeAt), rest.substring(homeAt + 1, stampAt), end, backfill);
    }
}
