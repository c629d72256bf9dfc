package io.trailstream.cli;

import io.trailstream.control.Integration;
import io.trailstream.trail.KeyClassifier;
import io.trailstream.trail.KeyTimes;
import io.trailstream.trail.ObjectKind;
import io.trailstream.trail.TrailKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists an integration's trail in its bucket for a window of time, by the key layout
 * {@code [prefix/]AWSLogs/[o-org/]ACCOUNT/(CloudTrail|CloudTrail-Insight|CloudTrail-Digest)/REGION/YYYY/MM/DD/}:
 * accounts and regions are the ones given, else the folders found (one delimited ListObjectsV2 each), and each day
 * of the window is one listing; a file is kept when the time in its name is in the window.
 */
final class TrailLister {
    private static final List<String> SERVICES = List.of("CloudTrail", "CloudTrail-Insight", "CloudTrail-Digest");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** One file of the trail: its key, ETag (unquoted) and size. */
    record Listed(String key, String eTag, long size) {}

    private final S3Client s3;
    private final KeyClassifier classifier = new KeyClassifier();
    private final List<String> dayPrefixes = new ArrayList<>();
    private int listCalls;
    private String bucket;

    TrailLister(S3Client s3) {
        this.s3 = s3;
    }

    /** The trail files of {@code integration} written in {@code [from, to)}. */
    List<Listed> list(Integration integration, Instant from, Instant to, List<String> accounts, List<String> regions) {
        bucket = integration.bucket;
        String base = (integration.prefix == null ? "" : integration.prefix + "/") + "AWSLogs/";
        List<String> roots = new ArrayList<>();
        if (integration.organizationId != null) {
            roots.add(base + integration.organizationId + "/");
        } else {
            roots.add(base);
            for (String p : folders(base)) {
                if (p.substring(base.length()).startsWith("o-")) roots.add(p);
            }
        }
        List<String> wantedAccounts = accounts != null ? accounts : integration.includedAccounts;
        List<Listed> out = new ArrayList<>();
        for (String root : roots) {
            List<String> accountFolders = new ArrayList<>();
            if (wantedAccounts != null) {
                for (String a : wantedAccounts) accountFolders.add(root + a + "/");
            } else {
                for (String p : folders(root)) {
                    if (p.substring(root.length()).matches("\\d{12}/")) accountFolders.add(p);
                }
            }
            for (String account : accountFolders) {
                for (String service : SERVICES) {
                    String serviceFolder = account + service + "/";
                    List<String> regionFolders = new ArrayList<>();
                    if (regions != null) {
                        for (String r : regions) regionFolders.add(serviceFolder + r + "/");
                    } else {
                        regionFolders.addAll(folders(serviceFolder));
                    }
                    for (String region : regionFolders) listDays(region, from, to, out);
                }
            }
        }
        return out;
    }

    /** The day folders listed (what the ledger is asked about). */
    List<String> dayPrefixes() {
        return dayPrefixes;
    }

    /** ListObjectsV2 calls made. */
    int listCalls() {
        return listCalls;
    }

    private void listDays(String regionFolder, Instant from, Instant to, List<Listed> out) {
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            String prefix = regionFolder + DAY.format(d.atStartOfDay(ZoneOffset.UTC)) + "/";
            dayPrefixes.add(prefix);
            for (S3Object o : objects(prefix)) {
                TrailKey key = classifier.classify(o.key());
                if (key.kind != ObjectKind.LOG && key.kind != ObjectKind.INSIGHT && key.kind != ObjectKind.DIGEST)
                    continue;
                Instant at = KeyTimes.of(o.key(), key);
                if (at == null || at.isBefore(from) || !at.isBefore(to)) continue;
                out.add(new Listed(o.key(), unquote(o.eTag()), o.size() == null ? -1 : o.size()));
            }
        }
    }

    private List<String> folders(String prefix) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page =
                    s3.listObjectsV2(request(prefix, token).delimiter("/").build());
            listCalls++;
            for (CommonPrefix p : page.commonPrefixes()) out.add(p.prefix());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    private List<S3Object> objects(String prefix) {
        List<S3Object> out = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(request(prefix, token).build());
            listCalls++;
            out.addAll(page.contents());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    private ListObjectsV2Request.Builder request(String prefix, String token) {
        ListObjectsV2Request.Builder b =
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        return token == null ? b : b.continuationToken(token);
    }

    private static String unquote(String eTag) {
        if (eTag == null || eTag.length() < 2 || !eTag.startsWith("\"")) return eTag;
        return eTag.substring(1, eTag.length() - 1);
    }
}
