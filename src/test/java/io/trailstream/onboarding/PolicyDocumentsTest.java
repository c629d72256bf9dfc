package io.trailstream.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documents under {@code conf/iam/} that people read and hand to their security teams are exactly what
 * apply writes (with placeholders for the names), and the bucket policy statements carry our Sid prefix and the
 * conditions CloudTrail's writes need.
 */
class PolicyDocumentsTest {
    static final Path IAM =
            Path.of(System.getProperty("trailstream.project.dir", ".")).resolve("conf/iam");

    static JsonNode file(String name) throws Exception {
        return PolicyJson.parse(Files.readString(IAM.resolve(name)));
    }

    @Test
    void theShippedDocumentsAreTheOnesApplyWrites() throws Exception {
        assertThat(file("read-role-trust.json"))
                .isEqualTo(Policies.readTrust("arn:aws:iam::${LAKE_ACCOUNT_ID}:root", "${EXTERNAL_ID}"));
        assertThat(file("read-role-policy.json")).isEqualTo(Policies.readPolicy("${BUCKET}", null, "${KMS_KEY_ARN}"));
        assertThat(file("events-role-trust.json")).isEqualTo(Policies.eventsTrust("${ACCOUNT_ID}"));
        assertThat(file("events-role-policy.json")).isEqualTo(Policies.eventsPolicy("${NOTIFICATIONS_STREAM_ARN}"));
        assertThat(file("trail-key-policy.json"))
                .isEqualTo(Policies.kmsKeyPolicy(
                        "${ACCOUNT_ID}", "arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/${TRAIL_NAME}"));
    }

    @Test
    void theReadRoleReadsOnlyTheTrailPrefixAndTrustsOnlyWithTheExternalId() {
        JsonNode policy = Policies.readPolicy("logs", "org", null);
        assertThat(policy.toString())
                .contains("arn:aws:s3:::logs/org/AWSLogs/*", "\"s3:prefix\":\"org/AWSLogs/*\"")
                .doesNotContain("kms:Decrypt", "s3:PutObject", "\"*\"");
        JsonNode trust = Policies.readTrust("arn:aws:iam::444455556666:role/trailstream-job", "x-1");
        assertThat(trust.at("/Statement/0/Condition/StringEquals/sts:ExternalId")
                        .asText())
                .isEqualTo("x-1");
        assertThat(trust.at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::444455556666:role/trailstream-job");
    }

    @Test
    void bucketStatementsAreOursAndConditionedOnTheTrail() {
        Names names = new Names("acme-prod", "111122223333", "eu-west-1");
        String trail = names.trailArn("trailstream-acme-prod");
        List<JsonNode> org = Policies.bucketStatements(names, "logs", "p", trail, "o-abcdefghij");
        assertThat(org)
                .extracting(s -> s.get("Sid").asText())
                .containsExactly(
                        "TrailstreamAcmeProdAclCheck", "TrailstreamAcmeProdWrite", "TrailstreamAcmeProdOrgWrite");
        assertThat(org)
                .allSatisfy(s -> assertThat(
                                s.at("/Condition/StringEquals/aws:SourceArn").asText())
                        .isEqualTo(trail));
        assertThat(org.get(1).get("Resource").asText()).isEqualTo("arn:aws:s3:::logs/p/AWSLogs/111122223333/*");
        assertThat(org.get(2).get("Resource").asText()).isEqualTo("arn:aws:s3:::logs/p/AWSLogs/o-abcdefghij/*");
        assertThat(org.get(2).at("/Condition/StringEquals/s3:x-amz-acl").asText())
                .isEqualTo("bucket-owner-full-control");
        assertThat(Policies.bucketStatements(names, "logs", null, trail, null)).hasSize(2);
    }

    @Test
    void theLogsPatternMatchesLogKeysOnlyAndTheDigestsPatternDigestsOnly() {
        assertThat(Policies.eventPattern("b", false)
                        .at("/detail/object/key/0/wildcard")
                        .asText())
                .isEqualTo("*AWSLogs/*/CloudTrail/*.json.gz");
        assertThat(Policies.eventPattern("b", true)
                        .at("/detail/object/key/0/wildcard")
                        .asText())
                .isEqualTo("*AWSLogs/*/CloudTrail-Digest/*.json.gz");
    }

    @Test
    void policiesCompareByMeaningNotLayout() {
        JsonNode a = PolicyJson.parse("{\"Statement\":[{\"Action\":[\"s3:GetObject\"],\"Effect\":\"Allow\"}]}");
        JsonNode b = PolicyJson.parse(
                "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%7D%7D");
        assertThat(PolicyJson.same(a, b)).isTrue();
        assertThat(PolicyJson.same(
                        a, PolicyJson.parse("{\"Statement\":[{\"Action\":\"s3:PutObject\",\"Effect\":\"Allow\"}]}")))
                .isFalse();
    }
}
