package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamTopology;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.onboarding.OnboardingClients;
import io.trailstream.onboarding.Policies;
import io.trailstream.onboarding.PolicyJson;
import io.trailstream.testing.CompletedCheckpoints;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The job reads each integration's objects with that integration's credentials: the read role it names,
 * assumed through STS with its external id. moto (IAM enforcement on, so trust policies and external ids are
 * checked) holds the customer's bucket and role; the job's own user holds exactly {@code conf/iam/job-policy.json},
 * no S3 permission. The notifications are the EventBridge {@code Object Created} events the logs rule would put
 * on the job's stream, put there by the test (moto never delivers to Kinesis), on kinesis-local.
 */
class ReadRoleIngestionITCase {
    private static final String BUCKET = "customer-logs";
    private static final String STREAM = "notifications";
    private static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/trailstream-acme-read";

    /** Calls made before enforcement starts: the job's user (3), the read role (2), the bucket and objects (4). */
    @RegisterExtension
    @Order(1)
    static final MotoServer MOTO = MotoServer.withIamEnforcement(9);

    @RegisterExtension
    @Order(2)
    static final KinesisEmulator KINESIS = new KinesisEmulator();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private final TrailData data = new TrailData(20261201L);

    @Test
    void eachIntegrationIsReadWithItsOwnRoleAndARefusalIsAccessDenied(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path warehouse) throws Exception {
        Map<String, String> keys = new TreeMap<>();
        List<String> acmeRecords = new ArrayList<>();
        AccessKey job;
        try (OnboardingClients root = new OnboardingClients(MOTO.settings(), List.of())) {
            String jobUser = "arn:aws:iam::" + ACCOUNT + ":user/lake-job";
            root.iam().createUser(r -> r.userName("lake-job"));
            String jobPolicy = Files.readString(Path.of(System.getProperty("trailstream.project.dir", "."))
                            .resolve("conf/iam/job-policy.json"))
                    .replace("${NOTIFICATIONS_STREAM_ARN}", KinesisEmulator.streamArn(STREAM))
                    .replace("${CONTROL_STREAM_ARN}", KinesisEmulator.streamArn("control"));
            root.iam()
                    .putUserPolicy(r -> r.userName("lake-job").policyName("job").policyDocument(jobPolicy));
            job = root.iam().createAccessKey(r -> r.userName("lake-job")).accessKey();
            root.iam()
                    .createRole(r -> r.roleName("trailstream-acme-read")
                            .assumeRolePolicyDocument(PolicyJson.write(Policies.readTrust(jobUser, "acme-7f3a"))));
            root.iam()
                    .putRolePolicy(r -> r.roleName("trailstream-acme-read")
                            .policyName("trailstream")
                            .policyDocument(PolicyJson.write(Policies.readPolicy(BUCKET, "acme", null))));
            root.s3().createBucket(r -> r.bucket(BUCKET));
            for (String prefix : List.of("acme", "beta", "gamma")) {
                String key = data.logKey(prefix, null, "111122223333", "us-east-1", 9 * 60 + keys.size());
                List<String> records = new ArrayList<>();
                for (int i = 0; i < 3; i++) records.add(data.record("111122223333", "us-east-1"));
                if (prefix.equals("acme")) acmeRecords.addAll(records);
                root.s3()
                        .putObject(
                                r -> r.bucket(BUCKET).key(key),
                                RequestBody.fromBytes(TrailData.gzip(TrailData.logFile(records))));
                keys.put(prefix, key);
            }
        }
        // acme names the role and its external id; beta the role with a wrong external id; gamma no role at all.
        Integration acme = integration("acme", ROLE, "acme-7f3a");
        Integration beta = integration("beta", ROLE, "guessed");
        Integration gamma = integration("gamma", null, null);

        KINESIS.createStream(STREAM, 2);
        Configuration conf = new Configuration();
        conf.set(ObjectStoreOptions.REGION, MotoServer.REGION);
        conf.set(ObjectStoreOptions.ENDPOINT, MOTO.endpoint().toString());
        conf.set(ObjectStoreOptions.STS_ENDPOINT, MOTO.endpoint().toString());
        conf.set(ObjectStoreOptions.PATH_STYLE_ACCESS, true);
        conf.set(ObjectStoreOptions.CREDENTIALS_PROVIDER, CredentialsProviderType.STATIC);
        conf.set(ObjectStoreOptions.ACCESS_KEY_ID, job.accessKeyId());
        conf.set(ObjectStoreOptions.SECRET_ACCESS_KEY, job.secretAccessKey());
        conf.set(ObjectStoreOptions.RETRIES, 0);
        KINESIS.sourceOptions(STREAM)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new TrailstreamTopology(new JobConfig(conf, List.of(acme, beta, gamma))).build(env);
        JobClient running = env.executeAsync("read-role-it");
        List<Map.Entry<String, byte[]>> events = new ArrayList<>();
        int n = 0;
        for (String key : keys.values()) {
            String event = Notifications.eventBridge(BUCKET, key, 100, "etag-" + n, "seq-" + n++);
            events.add(new AbstractMap.SimpleEntry<>(key, event.getBytes(StandardCharsets.UTF_8)));
        }
        KINESIS.putAll(STREAM, events);

        try (Warehouse tables = new Warehouse(conf)) {
            JobRuns.awaitCounts(running, tables, Map.of("objects", 3L, "events", 3L), Duration.ofSeconds(60));
            JobRuns.settleAndCancel(running, new CompletedCheckpoints(cluster), tables, List.of("objects", "events"));
            Map<String, String> outcomes = new TreeMap<>();
            for (Record r : tables.rows("objects")) {
                outcomes.put((String) r.getField("integration_id"), r.getField("outcome") + " " + r.getField("reason"));
            }
            assertThat(outcomes.get("acme")).startsWith("ingested");
            assertThat(outcomes.get("beta"))
                    .as("AssumeRole with the wrong external id")
                    .startsWith("access_denied")
                    .contains("HTTP 403");
            assertThat(outcomes.get("gamma"))
                    .as("the job's own identity may not read")
                    .startsWith("access_denied");
            List<String> raw = new ArrayList<>();
            for (Record r : tables.rows("events")) raw.add((String) r.getField("raw"));
            assertThat(raw).hasSize(3);
            assertThat(raw)
                    .allSatisfy(json -> assertThat(acmeRecords)
                            .anySatisfy(rec ->
                                    assertThat(TrailData.JSON.readTree(json)).isEqualTo(TrailData.JSON.readTree(rec))));
        }
    }

    private static Integration integration(String id, String role, String externalId) {
        Integration i = Integration.of(id, BUCKET, id);
        i.roleArn = role;
        i.externalId = externalId;
        return i;
    }
}
