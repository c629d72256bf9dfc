package io.trailstream.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.aws.AwsClients;
import io.trailstream.testing.EmulatorCredentials;
import io.trailstream.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code trailstream aws plan | apply | verify | teardown} against moto in server mode: an empty account
 * (single and Organization), apply, plan again, reuse of a trail and of a bucket another party uses, a broken
 * trail, verify, teardown. Where moto differs from AWS (docs/onboarding.md) the test says so and checks the
 * effect instead: the bucket's EventBridge flag, which moto never reports, is shown to work by an S3 event
 * reaching an SQS probe rule through EventBridge.
 */
class OnboardingITCase {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @RegisterExtension
    static final EmulatorCredentials CREDENTIALS = new EmulatorCredentials();

    static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    static final String STREAM = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/trailstream-notifications";
    static final String BUCKET = "trailstream-" + ACCOUNT + "-acme-prod";
    static final String LOG_KEY = "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2026/01/01/" + ACCOUNT
            + "_CloudTrail_us-east-1_20260101T0000Z_abc.json.gz";

    /** Every action the commands called, over all scenarios of this class (see {@link #zzz}). */
    static final ActionRecorder CALLED = new ActionRecorder();

    final Moto aws = new Moto(MOTO);
    AwsCli cli;

    @TempDir
    Path control;

    @BeforeEach
    void emptyAccount() {
        MOTO.reset();
        cli = new AwsCli(MOTO.endpoint().toString(), List.of(CALLED));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    static List<String> request(String... more) {
        List<String> r = new ArrayList<>(List.of(
                "--integration",
                "acme-prod",
                "--tenant",
                "acme",
                "--notifications-stream",
                STREAM,
                "--lake-account",
                "444455556666",
                "--external-id",
                "acme-lake-7f3a"));
        r.addAll(List.of(more));
        return r;
    }

    static JsonNode steps(AwsCli.Result plan) {
        return PolicyJson.parse(plan.out()).get("steps");
    }

    static String action(JsonNode steps, String step) {
        for (JsonNode s : steps)
            if (step.equals(s.get("step").asText())) return s.get("action").asText();
        return null;
    }

    @Test
    void planOnAnEmptyAccountCreatesEveryResourceAndChangesNothing() {
        AwsCli.Result plan = cli.run("plan", request(), "--output", "json");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        JsonNode steps = steps(plan);
        for (String step : List.of(
                "bucket",
                "bucket-policy",
                "events-role",
                "logs-rule",
                "digests-rule",
                "bucket-eventbridge",
                "trail",
                "read-role")) {
            assertThat(action(steps, step)).as(step + " in " + plan.out()).isEqualTo("create");
        }
        assertThat(action(steps, "stream-access")).isEqualTo("none");
        assertThat(action(steps, "kms-key")).as("no key asked for").isNull();
        assertThat(action(steps, "organization-access")).isNull();
        assertThat(PolicyJson.parse(plan.out())
                        .get("integration")
                        .get("role_arn")
                        .asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/trailstream-acme-prod-read");
        assertThat(aws.s3().listBuckets().buckets()).as("plan creates nothing").isEmpty();
        assertThat(aws.cloudTrail().describeTrails().trailList()).isEmpty();

        AwsCli.Result text = cli.run("plan", request());
        assertThat(text.out())
                .contains(
                        "create    trail", "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/trailstream-acme-prod");
    }

    @Test
    void anOrganizationTrailIsPlannedAndMadeFromTheManagementAccount() {
        AwsCli.Result notInOne = cli.run("plan", request("--organization"), "--output", "json");
        assertThat(notInOne.exit()).isEqualTo(2);
        assertThat(action(steps(notInOne), "organization-access")).isEqualTo("conflict");

        String orgId = aws.organizations()
                .createOrganization(r -> r.featureSet("ALL"))
                .organization()
                .id();
        AwsCli.Result plan =
                cli.run("plan", request("--organization", "--accounts", "111122223333"), "--output", "json");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(action(steps(plan), "organization-access")).isEqualTo("create");
        assertThat(plan.out()).contains("Organization trail", "TrailstreamAcmeProdOrgWrite");

        List<String> org = request("--organization", "--accounts", "111122223333", "--kms", "create");
        AwsCli.Result apply = cli.run("apply", org, "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        var trail = aws.cloudTrail().describeTrails().trailList().get(0);
        assertThat(trail.isOrganizationTrail()).isTrue();
        assertThat(aws.organizations().listAWSServiceAccessForOrganization().enabledServicePrincipals())
                .anyMatch(p -> p.servicePrincipal().equals("cloudtrail.amazonaws.com"));
        JsonNode policy =
                PolicyJson.parse(aws.s3().getBucketPolicy(r -> r.bucket(BUCKET)).policy());
        assertThat(policy.toString()).contains("TrailstreamAcmeProdOrgWrite", "AWSLogs/" + orgId + "/*");
        assertThat(apply.out()).contains("\"organization_id\":\"" + orgId + "\"", "\"111122223333\"");
        String key = trail.kmsKeyId();
        assertThat(key).as("the trail encrypts with the key apply made").startsWith("arn:aws:kms:");
        assertThat(aws.s3()
                        .getBucketEncryption(r -> r.bucket(BUCKET))
                        .serverSideEncryptionConfiguration()
                        .rules()
                        .get(0)
                        .applyServerSideEncryptionByDefault()
                        .kmsMasterKeyID())
                .isEqualTo(key);
        AwsCli.Result again = cli.run("plan", org, "--output", "json");
        assertThat(changes(again)).as(again.out()).containsExactly(MotoGap.EVENTBRIDGE_FLAG_STEP);
        assertThat(action(steps(again), "kms-key")).isEqualTo("none");
        assertThat(PolicyJson.parse(aws.iam()
                                .getRolePolicy(r ->
                                        r.roleName("trailstream-acme-prod-read").policyName("trailstream"))
                                .policyDocument())
                        .toString())
                .contains("kms:Decrypt", key);

        AwsCli.Result down = cli.run("teardown", org, "--yes", "--delete-bucket", "--to-folder", control.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out())
                .contains(
                        "kms schedule-key-deletion --key-id " + key.substring(key.lastIndexOf('/') + 1),
                        "# left on: CloudTrail's" + " trusted access");
        assertThat(aws.kms().describeKey(r -> r.keyId(key)).keyMetadata().keyStateAsString())
                .isEqualTo("PendingDeletion");
        assertThat(aws.cloudTrail().describeTrails().trailList()).isEmpty();
    }

    @Test
    void applyMakesEverythingInOrderThenPlanHasNoChangesVerifyHoldsAndTeardownUndoesIt() throws Exception {
        String probe = aws.probeQueue(BUCKET);
        AwsCli.Result apply = cli.run("apply", request(), "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(apply.err())
                .containsSubsequence(
                        "create bucket",
                        "create bucket-policy",
                        "create events-role",
                        "create logs-rule",
                        "create bucket-eventbridge",
                        "create trail",
                        "create read-role");
        var trail = aws.cloudTrail().describeTrails().trailList().get(0);
        assertThat(trail.isMultiRegionTrail()).isTrue();
        assertThat(trail.logFileValidationEnabled()).isTrue();
        assertThat(aws.cloudTrail().getTrailStatus(r -> r.name(trail.name())).isLogging())
                .isTrue();
        assertThat(aws.s3()
                        .getPublicAccessBlock(r -> r.bucket(BUCKET))
                        .publicAccessBlockConfiguration()
                        .restrictPublicBuckets())
                .isTrue();
        var target = aws.eventBridge()
                .listTargetsByRule(r -> r.rule("trailstream-acme-prod-logs"))
                .targets()
                .get(0);
        assertThat(target.arn()).isEqualTo(STREAM);
        assertThat(target.roleArn()).endsWith(":role/trailstream-acme-prod-events");
        String message = Files.readString(onlyFile(control));
        assertThat(message)
                .contains(
                        "upsert_integration",
                        "\"bucket\":\"" + BUCKET + "\"",
                        "\"role_arn\":\"arn:aws:iam::" + ACCOUNT + ":role/trailstream-acme-prod-read\"",
                        "\"external_id\":\"acme-lake-7f3a\"");

        AwsCli.Result again = cli.run("plan", request(), "--output", "json");
        assertThat(changes(again)).as(again.out()).containsExactly(MotoGap.EVENTBRIDGE_FLAG_STEP);
        // The flag is on all the same: an S3 event of a log file reaches the probe rule through EventBridge,
        // one of a digest file does not match the logs pattern.
        aws.s3().putObject(r -> r.bucket(BUCKET).key(LOG_KEY), RequestBody.fromString("{}"));
        aws.s3()
                .putObject(
                        r -> r.bucket(BUCKET).key(LOG_KEY.replace("/CloudTrail/", "/CloudTrail-Digest/")),
                        RequestBody.fromString("{}"));
        assertThat(aws.receiveKeys(probe, 1)).containsExactly(LOG_KEY);

        AwsCli.Result verify = cli.run("verify", request());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out().lines().filter(l -> l.contains("BROKEN")))
                .as("only moto's unreported flag: " + verify.out())
                .singleElement()
                .asString()
                .contains(MotoGap.EVENTBRIDGE_FLAG_STEP);
        aws.cloudTrail().stopLogging(r -> r.name("trailstream-acme-prod"));
        AwsCli.Result stopped = cli.run("verify", request());
        assertThat(stopped.out()).containsPattern("BROKEN +trail +update needed: set logging");

        AwsCli.Result printed = cli.run("teardown", request());
        assertThat(printed.exit()).isZero();
        assertThat(printed.out())
                .containsSubsequence(
                        "iam delete-role-policy --role-name trailstream-acme-prod-read",
                        "cloudtrail stop-logging --name trailstream-acme-prod",
                        "cloudtrail delete-trail --name trailstream-acme-prod",
                        "events remove-targets --rule trailstream-acme-prod-digests",
                        "events delete-rule --name trailstream-acme-prod-logs",
                        "iam delete-role --role-name trailstream-acme-prod-events",
                        "s3api delete-bucket-policy --bucket " + BUCKET,
                        "# kept: bucket " + BUCKET);
        assertThat(aws.cloudTrail().describeTrails().trailList())
                .as("printing changes nothing")
                .hasSize(1);

        AwsCli.Result down = cli.run("teardown", request(), "--yes", "--to-folder", control.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(aws.cloudTrail().describeTrails().trailList()).isEmpty();
        assertThat(aws.gone(
                        () -> aws.eventBridge().describeRule(r -> r.name("trailstream-acme-prod-logs")),
                        ResourceNotFoundException.class))
                .isTrue();
        assertThat(aws.gone(
                        () -> aws.iam().getRole(r -> r.roleName("trailstream-acme-prod-read")),
                        NoSuchEntityException.class))
                .isTrue();
        assertThat(aws.s3().headBucket(r -> r.bucket(BUCKET)))
                .as("kept without --delete-bucket")
                .isNotNull();
        assertThat(down.out()).contains("delete_integration");

        AwsCli.Result bucket =
                cli.run("teardown", request(), "--yes", "--delete-bucket", "--to-folder", control.toString());
        assertThat(bucket.out()).contains("s3 rb s3://" + BUCKET + " --force");
        assertThat(aws.s3().listBuckets().buckets()).isEmpty();
    }

    @Test
    void aReusedBucketKeepsAnotherPartysPolicyStatementAndNotificationEntry() {
        String queue = aws.otherPartysBucket("shared-logs");
        AwsCli.Result plan = cli.run("plan", request("--bucket", "shared-logs"), "--output", "json");
        assertThat(action(steps(plan), "bucket")).isEqualTo("none");
        assertThat(action(steps(plan), "bucket-policy")).isEqualTo("update");
        assertThat(plan.out()).contains("its 1 other statement(s) stay", "its 1 other notification entries stay");

        AwsCli.Result apply =
                cli.run("apply", request("--bucket", "shared-logs"), "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        String policy = aws.s3().getBucketPolicy(r -> r.bucket("shared-logs")).policy();
        assertThat(policy).contains("OtherPartyRead", "TrailstreamAcmeProdWrite", "TrailstreamAcmeProdAclCheck");
        assertThat(aws.s3()
                        .getBucketNotificationConfiguration(r -> r.bucket("shared-logs"))
                        .queueConfigurations())
                .singleElement()
                .satisfies(q -> assertThat(q.queueArn()).isEqualTo(queue));

        AwsCli.Result down = cli.run(
                "teardown",
                request("--bucket", "shared-logs"),
                "--yes",
                "--delete-bucket",
                "--to-folder",
                control.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out()).doesNotContain("s3 rb").contains("s3api put-bucket-policy --bucket shared-logs");
        String after = aws.s3().getBucketPolicy(r -> r.bucket("shared-logs")).policy();
        assertThat(after).contains("OtherPartyRead").doesNotContain("Trailstream");
        assertThat(aws.s3()
                        .getBucketNotificationConfiguration(r -> r.bucket("shared-logs"))
                        .queueConfigurations())
                .as("the other party's entry stays")
                .hasSize(1);
        assertThat(aws.s3().headBucket(r -> r.bucket("shared-logs"))).isNotNull();
    }

    @Test
    void aReusedTrailIsTakenAsItIsAndTeardownLeavesIt() {
        aws.existingTrail("corp-trail", "corp-logs", true, true, true);
        AwsCli.Result plan = cli.run("plan", request("--trail", "corp-trail"), "--output", "json");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(action(steps(plan), "trail")).isEqualTo("none");
        assertThat(action(steps(plan), "bucket")).isEqualTo("none");
        assertThat(action(steps(plan), "bucket-policy")).isEqualTo("none");
        assertThat(PolicyJson.parse(plan.out()).get("integration").get("bucket").asText())
                .isEqualTo("corp-logs");
        assertThat(cli.run("apply", request("--trail", "corp-trail"), "--yes", "--to-folder", control.toString())
                        .exit())
                .isZero();
        AwsCli.Result down =
                cli.run("teardown", request("--trail", "corp-trail"), "--yes", "--to-folder", control.toString());
        assertThat(down.out()).doesNotContain("delete-trail", "stop-logging");
        assertThat(aws.cloudTrail().getTrailStatus(r -> r.name("corp-trail")).isLogging())
                .isTrue();
        assertThat(aws.gone(
                        () -> aws.cloudTrail().getTrailStatus(r -> r.name("trailstream-acme-prod")),
                        TrailNotFoundException.class))
                .isTrue();
    }

    @Test
    void aBrokenTrailIsAConflictThatNamesWhatIsMissing() {
        aws.existingTrail("old-trail", "old-logs", false, false, false);
        AwsCli.Result plan = cli.run("plan", request("--trail", "old-trail"));
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.out())
                .contains(
                        "conflict  trail",
                        "not multi-Region",
                        "not logging (aws cloudtrail" + " start-logging --name old-trail)",
                        "log file validation off");
        AwsCli.Result apply =
                cli.run("apply", request("--trail", "old-trail"), "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).isEqualTo(2);
        assertThat(aws.iam().listRoles().roles()).as("nothing changed").isEmpty();
    }

    @Test
    void driftOfWhatApplyMadeIsAnUpdateAndApplyPutsItBack() {
        assertThat(cli.run("apply", request(), "--yes", "--to-folder", control.toString())
                        .exit())
                .isZero();
        aws.iam()
                .updateAssumeRolePolicy(r -> r.roleName("trailstream-acme-prod-read")
                        .policyDocument(
                                PolicyJson.write(Policies.readTrust("arn:aws:iam::999999999999:root", "other"))));
        aws.cloudTrail().updateTrail(r -> r.name("trailstream-acme-prod").enableLogFileValidation(false));
        AwsCli.Result drifted = cli.run("plan", request(), "--output", "json");
        assertThat(action(steps(drifted), "read-role")).isEqualTo("update");
        assertThat(action(steps(drifted), "trail")).isEqualTo("update");
        assertThat(drifted.out()).contains("set its trust policy", "set log file validation");
        assertThat(cli.run("verify", request()).out()).containsPattern("BROKEN +read-role");

        AwsCli.Result fixed = cli.run("apply", request(), "--yes", "--to-folder", control.toString());
        assertThat(fixed.exit()).as(fixed.toString()).isZero();
        assertThat(aws.cloudTrail().describeTrails().trailList().get(0).logFileValidationEnabled())
                .isTrue();
        assertThat(changes(cli.run("plan", request(), "--output", "json")))
                .containsExactly(MotoGap.EVENTBRIDGE_FLAG_STEP);
    }

    /** Scenarios run by this class; the policy check needs all of them. */
    static final java.util.concurrent.atomic.AtomicInteger RAN = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void countScenario() {
        RAN.incrementAndGet();
    }

    /**
     * Least privilege: the setup policy ({@code conf/iam/setup-policy.json}) grants every action the commands
     * called over all scenarios, and nothing else except what AWS checks without a call of its own.
     */
    @AfterAll
    static void theSetupPolicyGrantsExactlyWhatTheCommandsCall() throws Exception {
        long scenarios = java.util.Arrays.stream(OnboardingITCase.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .count();
        Files.writeString(
                PolicyDocumentsTest.IAM.resolve("../../target/onboarding-actions.txt"),
                String.join("\n", CALLED.actions()));
        if (RAN.get() < scenarios) {
            System.out.println("OnboardingITCase: " + RAN.get() + " of " + scenarios
                    + " scenarios ran; the setup policy is checked only after all of them");
            return;
        }
        SetupPolicy policy = SetupPolicy.load();
        java.util.Set<String> called = CALLED.actions();
        called.removeAll(SetupPolicy.NEEDS_NO_PERMISSION);
        assertThat(policy.actions())
                .as("actions called but not granted by conf/iam/setup-policy.json")
                .containsAll(called);
        java.util.Set<String> unused = new java.util.TreeSet<>(policy.actions());
        unused.removeAll(called);
        assertThat(unused)
                .as("granted by conf/iam/setup-policy.json but never called")
                .containsExactlyInAnyOrderElementsOf(SetupPolicy.CHECKED_BY_AWS_WITHOUT_A_CALL.keySet());
    }

    static List<String> changes(AwsCli.Result plan) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : steps(plan)) {
            String a = s.get("action").asText();
            if (a.equals("create") || a.equals("update")) out.add(s.get("step").asText());
        }
        return out;
    }

    static Path onlyFile(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    static SqsClient sqs() {
        return AwsClients.build(SqsClient.builder(), MOTO.settings(), List.of());
    }

    static final QueueAttributeName ARN = QueueAttributeName.QUEUE_ARN;
}
