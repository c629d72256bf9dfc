package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job config file: nested and dotted keys, typed options, integrations, and errors that name the culprit. */
class JobConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsNestedAndDottedKeysAndIntegrations() throws Exception {
        Path file = write("""
                notifications:
                  source: local
                  local.path: /data/bucket
                catalog:
                  warehouse: /data/warehouse
                dedupe.ttl: 2 d
                integrations:
                  - integration_id: acme-org
                    tenant_id: acme
                    bucket: acme-trail
                    prefix: /org/
                    organization_id: o-abcdef1234
                    included_accounts: ["111111111111", "222222222222"]
                  - integration_id: globex
                    tenant_id: globex
                    bucket: globex-trail
                    status: suspended
                """);
        JobConfig config = JobConfig.load(file);
        assertThat(config.configuration().get(TrailstreamOptions.NOTIFICATIONS_SOURCE))
                .isEqualTo(TrailstreamOptions.NotificationSource.LOCAL);
        assertThat(config.configuration().get(TrailstreamOptions.LOCAL_INPUT)).isEqualTo("/data/bucket");
        assertThat(config.configuration().get(CatalogOptions.WAREHOUSE)).isEqualTo("/data/warehouse");
        assertThat(config.configuration().get(TrailstreamOptions.DEDUPE_TTL)).isEqualTo(Duration.ofDays(2));
        assertThat(config.integrations()).extracting(i -> i.integrationId).containsExactly("acme-org", "globex");
        Integration acme = config.seeds().integration("acme-org");
        assertThat(acme.prefix).isEqualTo("org");
        assertThat(acme.organizationId).isEqualTo("o-abcdef1234");
        assertThat(acme.includedAccounts).containsExactly("111111111111", "222222222222");
        assertThat(config.seeds().integration("globex").status).isEqualTo(IntegrationStatus.SUSPENDED);
    }

    @Test
    void aBadAccountIdNamesTheEntryAndTheValue() throws Exception {
        Path file = write("""
                integrations:
                  - integration_id: acme
                    tenant_id: acme
                    bucket: acme-trail
                    organization_id: o-abcdef1234
                    included_accounts: ["12345"]
                """);
        assertThatThrownBy(() -> JobConfig.load(file))
                .isInstanceOf(JobConfig.ConfigException.class)
                .hasMessageContaining("integrations[0]")
                .hasMessageContaining("12345");
    }

    @Test
    void aMissingBucketIsRefused() throws Exception {
        Path file = write("""
                integrations:
                  - integration_id: acme
                    tenant_id: acme
                """);
        assertThatThrownBy(() -> JobConfig.load(file))
                .isInstanceOf(JobConfig.ConfigException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void aFileThatIsNotAMappingIsRefused() throws Exception {
        Path file = write("- just\n- a list\n");
        assertThatThrownBy(() -> JobConfig.load(file)).hasMessageContaining("mapping");
    }

    @Test
    void aMissingFileIsRefusedWithItsName() {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> JobConfig.load(file)).hasMessageContaining("nope.yaml");
    }

    @Test
    void theFormerS3KeysAreReadAsFetchS3WithAWarningNamingBoth() throws Exception {
        Path file = write("""
                s3:
                  region: eu-west-1
                  retries: 2
                fetch.s3.endpoint: http://127.0.0.1:9090
                s3.endpoint: http://127.0.0.1:1
                """);
        try (LogCapture log = LogCapture.of(JobConfig.class)) {
            JobConfig config = JobConfig.load(file);

            assertThat(config.configuration().get(ObjectStoreOptions.REGION)).isEqualTo("eu-west-1");
            assertThat(config.configuration().get(ObjectStoreOptions.RETRIES)).isEqualTo(2);
            assertThat(config.configuration().get(ObjectStoreOptions.ENDPOINT))
                    .as("the new key wins over the former one")
                    .isEqualTo("http://127.0.0.1:9090");
            assertThat(config.deprecatedKeys())
                    .containsOnly(
                            entry("s3.region", "fetch.s3.region"),
                            entry("s3.retries", "fetch.s3.retries"),
                            entry("s3.endpoint", "fetch.s3.endpoint"));
            assertThat(log.lines())
                    .contains(
                            "WARN config file " + file + ": 's3.region' is deprecated, read as 'fetch.s3.region':"
                                    + " rename it",
                            "WARN config file " + file + ": 's3.endpoint' is deprecated and ignored:"
                                    + " 'fetch.s3.endpoint' is set too and wins");
        }
    }

    @Test
    void aTypoUnderFetchS3IsRefusedButFlinksS3KeysPass() throws Exception {
        Path file = write("""
                fetch.s3.retrys: 2
                """);
        assertThatThrownBy(() -> JobConfig.load(file))
                .hasMessageContaining("unknown option 'fetch.s3.retrys' (did you mean 'fetch.s3.retries'?)");
        Path flinks = write("""
                s3.access-key: minio
                s3.path.style.access: true
                """);
        assertThat(JobConfig.load(flinks).deprecatedKeys()).isEmpty();
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
