package io.trailstream.trail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyClassifierTest {
    private final KeyClassifier classifier = new KeyClassifier();

    private static final String LOG = "AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/"
            + "111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz";

    @Test
    void plainLogWithoutPrefix() {
        TrailKey key = classifier.classify(LOG);

        assertThat(key.kind).isEqualTo(ObjectKind.LOG);
        assertThat(key.prefix).isNull();
        assertThat(key.organizationId).isNull();
        assertThat(key.accountId).isEqualTo("111122223333");
        assertThat(key.region).isEqualTo("us-east-2");
        assertThat(key.deliveryDate).isEqualTo("2015-08-01");
    }

    @Test
    void logWithPrefixContainingSlashes() {
        TrailKey key = classifier.classify("security/trails/prod/" + LOG);

        assertThat(key.kind).isEqualTo(ObjectKind.LOG);
        assertThat(key.prefix).isEqualTo("security/trails/prod");
        assertThat(key.accountId).isEqualTo("111122223333");
    }

    @Test
    void organizationTrailLog() {
        TrailKey key =
                classifier.classify("o-fxozgwu6rc/AWSLogs/o-fxozgwu6rc/123456789015/CloudTrail/ca-central-1/2020/09/23/"
                        + "123456789015_CloudTrail_ca-central-1_20200923T0516Z_KL5e9VCV2SS7IqzB.json.gz");

        assertThat(key.kind).isEqualTo(ObjectKind.LOG);
        assertThat(key.prefix).isEqualTo("o-fxozgwu6rc");
        assertThat(key.organizationId).isEqualTo("o-fxozgwu6rc");
        assertThat(key.accountId).isEqualTo("123456789015");
        assertThat(key.region).isEqualTo("ca-central-1");
        assertThat(key.deliveryDate).isEqualTo("2020-09-23");
    }

    @Test
    void uncompressedJsonLogIsALog() {
        assertThat(classifier.classify(LOG.replace(".json.gz", ".json")).kind).isEqualTo(ObjectKind.LOG);
    }

    @Test
    void unusualRegionsAreAccepted() {
        for (String region :
                new String[] {"us-gov-west-1", "cn-northwest-1", "eusc-de-east-1", "ap-southeast-5", "us-isob-east-1"
                }) {
            TrailKey key = classifier.classify("AWSLogs/111122223333/CloudTrail/" + region
                    + "/2024/02/29/111122223333_CloudTrail_" + region + "_20240229T2355Z_0123456789abcdef.json.gz");
            assertThat(key.kind).as(region).isEqualTo(ObjectKind.LOG);
            assertThat(key.region).isEqualTo(region);
            assertThat(key.deliveryDate).isEqualTo("2024-02-29");
        }
    }

    @Test
    void insight() {
        TrailKey key = classifier.classify(
                "o-fxozgwu6rc/AWSLogs/o-fxozgwu6rc/123456789015/CloudTrail-Insight/ca-central-1/2020/09/23/"
                        + "123456789015_CloudTrail-Insight_ca-central-1_20200923T0516Z_KL5e9VCV2SS7IqzB.json.gz");

        assertThat(key.kind).isEqualTo(ObjectKind.INSIGHT);
        assertThat(key.organizationId).isEqualTo("o-fxozgwu6rc");
        assertThat(key.region).isEqualTo("ca-central-1");
        assertThat(key.deliveryDate).isEqualTo("2020-09-23");
    }

    @Test
    void digest() {
        TrailKey key = classifier.classify("AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/"
                + "111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz");

        assertThat(key.kind).isEqualTo(ObjectKind.DIGEST);
        assertThat(key.accountId).isEqualTo("111122223333");
        assertThat(key.region).isEqualTo("us-east-2");
        assertThat(key.deliveryDate).isEqualTo("2015-08-17");
    }

    @Test
    void digestOfOrganizationTrailWithUnderscoresInTrailNameAndBackfill() {
        TrailKey key = classifier.classify(
                "audit/AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail-Digest/eu-west-1/2025/03/14/"
                        + "444455556666_CloudTrail-Digest_eu-west-1_org_trail.v2_us-east-1_20250314T000512Z_backfill.json.gz");

        assertThat(key.kind).isEqualTo(ObjectKind.DIGEST);
        assertThat(key.prefix).isEqualTo("audit");
        assertThat(key.organizationId).isEqualTo("o-a1b2c3d4e5");
        assertThat(key.accountId).isEqualTo("444455556666");
        assertThat(key.region).isEqualTo("eu-west-1");
    }

    @Test
    void configWritabilityCheck() {
        TrailKey plain = classifier.classify("AWSLogs/877483565445/Config/ConfigWritabilityCheckFile");
        TrailKey prefixed =
                classifier.classify("us-east-1/config-logs/AWSLogs/877483565445/Config/ConfigWritabilityCheckFile");

        assertThat(plain.kind).isEqualTo(ObjectKind.CONFIG_CHECK);
        assertThat(plain.accountId).isEqualTo("877483565445");
        assertThat(plain.region).isNull();
        assertThat(plain.deliveryDate).isNull();
        assertThat(prefixed.kind).isEqualTo(ObjectKind.CONFIG_CHECK);
        assertThat(prefixed.prefix).isEqualTo("us-east-1/config-logs");
    }

    @Test
    void otherAwsLogsFoldersAreOtherWithAccount() {
        TrailKey config =
                classifier.classify("AWSLogs/111122223333/Config/us-east-1/2025/3/14/ConfigHistory/x.json.gz");
        TrailKey elb =
                classifier.classify("lb/AWSLogs/111122223333/elasticloadbalancing/us-east-1/2025/03/14/x.log.gz");
        TrailKey lake = classifier.classify("AWSLogs/111122223333/CloudTrail-Lake/us-east-1/2025/03/14/x.json.gz");

        assertThat(config.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(config.accountId).isEqualTo("111122223333");
        assertThat(elb.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(elb.prefix).isEqualTo("lb");
        assertThat(elb.accountId).isEqualTo("111122223333");
        assertThat(lake.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(lake.region).as("region belongs to CloudTrail folders only").isNull();
    }

    @Test
    void prefixThatItselfContainsAwsLogsWithoutAccountIsSkipped() {
        TrailKey key = classifier.classify("AWSLogs/archive/" + LOG);

        assertThat(key.kind).isEqualTo(ObjectKind.LOG);
        assertThat(key.prefix).isEqualTo("AWSLogs/archive");
    }

    @Test
    void nearMissesAreOtherButKeepTheSafeFields() {
        // File name's account differs from the folder's.
        TrailKey wrongAccount =
                classifier.classify(LOG.replace("/111122223333_CloudTrail_", "/999922223333_CloudTrail_"));
        assertThat(wrongAccount.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(wrongAccount.accountId).isEqualTo("111122223333");
        assertThat(wrongAccount.region).isEqualTo("us-east-2");
        assertThat(wrongAccount.deliveryDate).isEqualTo("2015-08-01");

        // File name's date differs from the folder's.
        assertThat(classifier.classify(LOG.replace("20150801T", "20150802T")).kind)
                .isEqualTo(ObjectKind.OTHER);
        // File name's region differs from the folder's.
        assertThat(classifier.classify(LOG.replace("_us-east-2_", "_us-west-2_")).kind)
                .isEqualTo(ObjectKind.OTHER);
        // Unique part one character short, or not alphanumeric.
        assertThat(classifier.classify(LOG.replace("Mu0KsOhtH1ar15ZZ", "Mu0KsOhtH1ar15Z")).kind)
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(LOG.replace("Mu0KsOhtH1ar15ZZ", "Mu0KsOhtH1ar15Z-")).kind)
                .isEqualTo(ObjectKind.OTHER);
        // Impossible time.
        assertThat(classifier.classify(LOG.replace("T0210Z", "T2460Z")).kind).isEqualTo(ObjectKind.OTHER);
        // Other extensions.
        assertThat(classifier.classify(LOG.replace(".json.gz", ".json.gz.tmp")).kind)
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(LOG.replace(".json.gz", ".gz")).kind).isEqualTo(ObjectKind.OTHER);
        // A digest file name in the log folder, and a log file name in the digest folder.
        assertThat(classifier.classify("AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/"
                                + "111122223333_CloudTrail-Digest_us-east-2_t_us-east-2_20150817T150131Z.json.gz")
                        .kind)
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(LOG.replace("/CloudTrail/", "/CloudTrail-Digest/")).kind)
                .isEqualTo(ObjectKind.OTHER);
        // Extra folder level.
        assertThat(classifier.classify(LOG.replace("/2015/08/01/", "/2015/08/01/extra/")).kind)
                .isEqualTo(ObjectKind.OTHER);
    }

    @Test
    void badDateFoldersLeaveRegionAndDateEmpty() {
        TrailKey key =
                classifier.classify(LOG.replace("/2015/08/01/", "/2015/02/30/").replace("20150801T", "20150230T"));

        assertThat(key.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(key.accountId).isEqualTo("111122223333");
        assertThat(key.region).isNull();
        assertThat(key.deliveryDate).isNull();
    }

    @Test
    void badRegionFolderLeavesRegionEmpty() {
        TrailKey key = classifier.classify(LOG.replace("us-east-2", "US-EAST-2"));

        assertThat(key.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(key.region).isNull();
    }

    @Test
    void digestNearMisses() {
        String digest = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/"
                + "111122223333_CloudTrail-Digest_us-east-2_trail_us-east-2_20150817T150131Z.json.gz";
        assertThat(classifier.classify(digest).kind).isEqualTo(ObjectKind.DIGEST);
        assertThat(classifier.classify(digest.replace("_trail_", "__")).kind)
                .as("no trail name")
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(digest.replace("20150817T150131Z", "20150818T150131Z")).kind)
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(digest.replace("T150131Z", "T1501Z")).kind)
                .isEqualTo(ObjectKind.OTHER);
        assertThat(classifier.classify(digest.replace("_trail_us-east-2_", "_trail_nowhere_")).kind)
                .isEqualTo(ObjectKind.OTHER);
    }

    @Test
    void organizationIdMustBeWellFormed() {
        TrailKey shortOrg = classifier.classify(LOG.replace("AWSLogs/", "AWSLogs/o-abc/"));
        TrailKey upperOrg = classifier.classify(LOG.replace("AWSLogs/", "AWSLogs/o-ABCDEFGHIJ/"));

        assertThat(shortOrg.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(shortOrg.accountId).isNull();
        assertThat(upperOrg.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(upperOrg.organizationId).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "x",
                "/",
                "AWSLogs",
                "AWSLogs/",
                "AWSLogs/111122223333",
                "AWSLogs/1111222233334/CloudTrail/x",
                "myAWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz",
                "images/cat.png",
                "AWSLogs/abcdefghijkl/CloudTrail/",
                "AWSLogs/o-a1b2c3d4e5"
            })
    void junkIsOtherWithoutAccount(String key) {
        TrailKey trailKey = classifier.classify(key);

        assertThat(trailKey.kind).isEqualTo(ObjectKind.OTHER);
        assertThat(trailKey.accountId).isNull();
        assertThat(trailKey.region).isNull();
        assertThat(trailKey.deliveryDate).isNull();
    }

    @Test
    void nullIsOther() {
        assertThat(classifier.classify(null).kind).isEqualTo(ObjectKind.OTHER);
    }

    @Test
    void leadingSlashGivesEmptyPrefix() {
        TrailKey key = classifier.classify("/" + LOG);

        assertThat(key.kind).isEqualTo(ObjectKind.LOG);
        assertThat(key.prefix).isEmpty();
    }
}
