package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.iceberg.CatalogOptions;
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

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
