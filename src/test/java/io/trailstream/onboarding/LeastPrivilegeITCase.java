package io.trailstream.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.ObjectFetcher;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.object.store.S3Settings;
import io.trailstream.routing.ObjectTask;
import io.trailstream.testing.MotoServer;
import io.trailstream.trail.KeyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * With moto's IAM enforcement on: a user holding exactly {@code conf/iam/setup-policy.json} runs plan, apply,
 * verify and teardown; a user without one action of it fails on that action; and the job, holding exactly
 * {@code conf/iam/job-policy.json} (no S3 permission of its own), reads an integration's object only through the
 * read role apply made, with the external id. moto checks trust policies and the external id only with its
 * enforcement on, and resources only for S3 ({@link SetupPolicy#forMoto()}).
 */
class LeastPrivilegeITCase {
    /** Users made unauthenticated before enforcement starts: 3 calls each. */
    private static final List<String> DROPPED =
            List.of("s3:PutBucketPolicy", "events:PutTargets", "cloudtrail:StartLogging");

    private static final int USERS = 3 + DROPPED.size();

    @RegisterExtension
    static final MotoServer MOTO = MotoServer.withIamEnforcement(3 * USERS);

    static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    static final String STREAM = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/trailstream-notifications";
    static final Map<String, AccessKey> KEYS = new TreeMap<>();

    @TempDir
    Path control;

    @BeforeAll
    static void users() throws Exception {
        SetupPolicy setup = SetupPolicy.load();
        try (Moto root = new Moto(MOTO)) {
            user(root, "setup", setup.forMoto());
            for (String action : DROPPED)
                user(
                        root,
                        "without-" + action.replace(':', '-'),
                        setup.without(action).forMoto());
            user(
                    root,
                    "lake-job",
                    Files.readString(PolicyDocumentsTest.IAM.resolve("job-policy.json"))
                            .replace("${NOTIFICATIONS_STREAM_ARN}", STREAM)
                            .replace("${CONTROL_STREAM_ARN}", STREAM.replace("notifications", "control")));
            user(
                    root,
                    "cloudtrail-writer",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::*/*\"}]}");
        }
    }

    private static void user(Moto root, String name, String policy) {
        root.iam().createUser(r -> r.userName(name));
        root.iam().putUserPolicy(r -> r.userName(name).policyName("policy").policyDocument(policy));
        KEYS.put(name, root.iam().createAccessKey(r -> r.userName(name)).accessKey());
    }

    static AwsClientSettings as(String user) {
        AccessKey k = KEYS.get(user);
        return MOTO.settings(k.accessKeyId(), k.secretAccessKey());
    }

    /** Runs the command line with {@code user}'s keys on the default chain, as a person's shell would have them. */
    AwsCli.Result run(String user, String command, List<String> request, String... extra) {
        AccessKey k = KEYS.get(user);
        synchronized (System.class) {
            String id = System.getProperty("aws.accessKeyId");
            String secret = System.getProperty("aws.secretAccessKey");
            System.setProperty("aws.accessKeyId", k.accessKeyId());
            System.setProperty("aws.secretAccessKey", k.secretAccessKey());
            try {
                return new AwsCli(MOTO.endpoint().toString(), List.of()).run(command, request, extra);
            } finally {
                restore("aws.accessKeyId", id);
                restore("aws.secretAccessKey", secret);
            }
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    static List<String> request(String id, String... more) {
        List<String> r = new ArrayList<>(List.of(
                "--integration",
                id,
                "--tenant",
                "acme",
                "--notifications-stream",
                STREAM,
                "--lake-account",
                ACCOUNT,
                "--lake-principal",
                "arn:aws:iam::" + ACCOUNT + ":user/lake-job",
                "--external-id",
                "acme-lake-7f3a"));
        r.addAll(List.of(more));
        return r;
    }

    @Test
    void aUserHoldingExactlyTheSetupPolicyCompletesSetupAndTeardown() {
        AwsCli.Result apply = run("setup", "apply", request("full"), "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        AwsCli.Result plan = run("setup", "plan", request("full"), "--output", "json");
        assertThat(OnboardingITCase.changes(plan)).as(plan.out()).containsExactly(MotoGap.EVENTBRIDGE_FLAG_STEP);
        AwsCli.Result verify = run("setup", "verify", request("full"));
        assertThat(verify.out()).as(verify.toString()).contains("ok     trail", "ok     read-role");
        AwsCli.Result down = run(
                "setup", "teardown", request("full"), "--yes", "--delete-bucket", "--to-folder", control.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3:PutBucketPolicy", "events:PutTargets", "cloudtrail:StartLogging"})
    void withoutOneActionApplyFailsOnThatAction(String action) {
        String id = "drop-" + action.substring(action.indexOf(':') + 1).toLowerCase();
        AwsCli.Result apply = run(
                "without-" + action.replace(':', '-'),
                "apply",
                request(id),
                "--yes",
                "--to-folder",
                control.toString());
        assertThat(apply.exit()).as(apply.toString()).isEqualTo(1);
        String operation = action.substring(action.indexOf(':') + 1);
        assertThat(apply.err())
                .as("names the refused call")
                .containsPattern("failed at [A-Za-z0-9]+\\." + operation + ": ");
        assertThat(apply.err()).as("refused, not failed otherwise").contains("Status Code: 403");
    }

    @Test
    void theJobReadsAnIntegrationsObjectsOnlyThroughItsReadRole() {
        AwsCli.Result apply = run("setup", "apply", request("reader"), "--yes", "--to-folder", control.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        String bucket = "trailstream-" + ACCOUNT + "-reader";
        String key = "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2026/11/26/" + ACCOUNT
                + "_CloudTrail_us-east-1_20261126T0905Z_abcdefgh.json.gz";
        try (Moto writer = new Moto(as("cloudtrail-writer"))) {
            writer.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(LogFiles.oneRecord(ACCOUNT)));
        }
        String role = "arn:aws:iam::" + ACCOUNT + ":role/trailstream-reader-read";
        AccessKey job = KEYS.get("lake-job");
        S3Settings settings = S3Settings.builder()
                .region(MotoServer.REGION)
                .endpoint(MOTO.endpoint().toString())
                .stsEndpoint(MOTO.endpoint().toString())
                .pathStyleAccess(true)
                .staticCredentials(job.accessKeyId(), job.secretAccessKey())
                .retries(0)
                .build();
        List<RowData> rows = new ArrayList<>();
        try (ObjectFetcher fetcher = new ObjectFetcher(new ObjectStoreFactory(settings))) {
            LedgerRow asRole = fetcher.fetch(task(bucket, key, role, "acme-lake-7f3a"), rows::add);
            assertThat(asRole.outcome).as(asRole.reason).isEqualTo(LedgerOutcome.INGESTED);
            assertThat(asRole.recordCount).isEqualTo(1);

            LedgerRow wrongId = fetcher.fetch(task(bucket, key, role, "guessed-id"), r -> {});
            assertThat(wrongId.outcome).as(wrongId.reason).isEqualTo(LedgerOutcome.ACCESS_DENIED);
            assertThat(wrongId.reason).contains("HTTP 403");

            LedgerRow ownCredentials = fetcher.fetch(task(bucket, key, null, null), r -> {});
            assertThat(ownCredentials.outcome)
                    .as("the job itself may not read the customer's bucket")
                    .isEqualTo(LedgerOutcome.ACCESS_DENIED);
        }
        assertThat(rows).hasSize(1);
    }

    private static ObjectTask task(String bucket, String key, String role, String externalId) {
        return new ObjectTask(ObjectRef.s3(bucket, key), new KeyClassifier().classify(key), "reader", null)
                .readAs(role, externalId);
    }
}
