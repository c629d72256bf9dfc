package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.TableBootstrap;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.testing.EmulatorCredentials;
import io.trailstream.testing.KinesisEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops commands end to end, as {@code ./trailstream} runs them ({@link TrailstreamCommand#execute} with
 * the system clock and random message ids): against a local control folder, against the
 * {@code integrations} table of a local Iceberg warehouse, and against a real Kinesis API server
 * (kinesis-local) read back with GetRecords.
 */
class OpsCommandsITCase {
    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    private static final ControlMessageParser PARSER =
            new ControlMessageParser(ControlMessageParser.DEFAULT_MAX_BYTES, Long.MAX_VALUE / 4);
    private static final Pattern KINESIS_WHERE =
            Pattern.compile("to Kinesis stream (\\S+) \\(shard (\\S+), sequence (\\d+)\\)");

    @RegisterExtension
    static final EmulatorCredentials CREDENTIALS = new EmulatorCredentials();

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = TrailstreamCommand.execute(
                new ControlCommandContext(), new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    /** Runs a command that must publish; returns the message it printed. */
    private ControlMessage published(String... args) {
        assertThat(run(args)).as("%s%n%s", String.join(" ", args), err).isZero();
        assertThat(out.lines().count()).as("one JSON line on stdout").isEqualTo(1);
        assertThat(err.lines().count()).as("one line on stderr").isEqualTo(1);
        ParsedControl p = PARSER.parse(out.strip(), 0);
        assertThat(p.isOk()).as(out).isTrue();
        assertThat(err)
                .startsWith("published " + p.message.kind.wireName() + " for "
                        + (p.message.kind.isTenantKind() ? "tenant " : "integration ") + p.message.targetId() + " to ");
        return p.message;
    }

    /** Runs a command that must be refused with exit code 2; returns stderr. */
    private String refused(String... args) {
        assertThat(run(args)).as("%s%n%s", String.join(" ", args), err).isEqualTo(2);
        assertThat(out).as("nothing on stdout").isEmpty();
        assertThat(err).startsWith("error: ").doesNotContain("\tat ").as("no stack trace");
        return err;
    }

    @Test
    void aSessionAgainstALocalControlFolder() throws IOException {
        String folder = dir.resolve("control").toString();
        String[] to = {"--to-folder", folder, "--author", "alice@ops"};
        List<ControlMessage> sent = new ArrayList<>();
        List<String> written = new ArrayList<>();
        String[][] session = {
            {
                "integration",
                "add",
                "acme-org",
                "--tenant",
                "acme",
                "--bucket",
                "acme-cloudtrail",
                "--prefix",
                "org-trail",
                "--organization",
                "o-abcdef1234",
                "--accounts",
                "111111111111",
                "--name",
                "ACME Organization"
            },
            {"integration", "add", "acme-dev", "--tenant", "acme", "--bucket", "acme-dev-trail"},
            {"integration", "suspend", "acme-dev"},
            {"integration", "resume", "acme-dev"},
            {"integration", "add-accounts", "acme-org", "333333333333", "222222222222"},
            {"licence", "expire", "acme"},
            {"licence", "renew", "acme", "--valid-until", "2030-01-01T00:00:00Z"},
            {"integration", "delete", "acme-dev"},
        };
        for (String[] command : session) {
            if (command[1].equals("resume")) {
                int before =
                        LocalFolderPublisher.messagesInOrder(Path.of(folder)).size();
                assertThat(refused(with(
                                new String[] {"integration", "set-accounts", "acme-org", "111111111111", "1234"}, to)))
                        .isEqualTo("error: bad_account_id: '1234' is not an account id (exactly 12 digits)"
                                + System.lineSeparator());
                assertThat(LocalFolderPublisher.messagesInOrder(Path.of(folder)))
                        .as("nothing written")
                        .hasSize(before);
            }
            sent.add(published(with(command, to)));
            written.add(err.substring(err.lastIndexOf(" to ") + 4).strip());
        }
        assertThat(refused(with(new String[] {"integration", "suspend", "ghost"}, to)))
                .contains("unknown_integration")
                .contains("ghost")
                .contains("control folder " + folder)
                .contains("--force");
        assertThat(refused(with(new String[] {"integration", "update", "ghost", "--name", "Ghost"}, to)))
                .contains("unknown integration ghost");
        assertThat(refused(with(new String[] {"integration", "resume", "acme-dev"}, to)))
                .contains("integration_deleted");

        List<Path> files = LocalFolderPublisher.messagesInOrder(Path.of(folder));
        assertThat(files)
                .extracting(Path::toString)
                .as("one file per published command, names in issue order")
                .containsExactlyElementsOf(written);
        ControlState replayed = new ControlState();
        ControlApplier applier = new ControlApplier();
        long previous = 0;
        for (int i = 0; i < files.size(); i++) {
            String content = Files.readString(files.get(i));
            assertThat(content).as("the file holds the JSON printed").isEqualTo(sent.get(i).json + "\n");
            ParsedControl p = PARSER.parse(content, 0);
            assertThat(p.isOk()).as(content).isTrue();
            assertThat(p.message.messageId).isEqualTo(sent.get(i).messageId);
            assertThat(p.message.issuedAtMillis).as("issued in order").isGreaterThan(previous);
            previous = p.message.issuedAtMillis;
            ApplyResult r = applier.apply(replayed, p.message, p.message.issuedAtMillis);
            assertThat(r.outcome).as(r.logLine()).isEqualTo(ApplyOutcome.APPLIED);
        }

        ControlView state = new FolderIntegrationLookup(Path.of(folder), null).current();
        assertThat(state.integration("acme-org").includedAccounts)
                .containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(state.integration("acme-org").status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(state.integration("acme-org").prefix).isEqualTo("org-trail");
        assertThat(state.integration("acme-dev").status).isEqualTo(IntegrationStatus.DELETED);
        assertThat(state.tenant("acme").licenceExpired).isFalse();
        assertThat(state.tenant("acme").validUntilMillis)
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
        assertThat(state.integration("ghost")).isNull();

        assertThat(run("integration", "list", "--from-folder", folder, "--deleted"))
                .as(err)
                .isZero();
        assertThat(out.lines().toList()).hasSize(3);
        assertThat(out.lines().toList().get(1)).matches("acme-dev +acme +acme-dev-trail +- +all +deleted +deleted +-");
        assertThat(out.lines().toList().get(2))
                .matches(
                        "acme-org +acme +acme-cloudtrail/org-trail +o-abcdef1234 +111111111111,222222222222,333333333333 +active +active +-");
        assertThat(err).isEqualTo("2 integration(s) from control folder " + folder + System.lineSeparator());
    }

    @Test
    void aSessionAgainstTheKinesisControlStream() throws IOException {
        String arn = KINESIS.createStream("control", 4);
        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600).toString());
        long t0 = clock.millis();
        ControlMessageBuilder seed = new ControlMessageBuilder("setup", clock, clock.ids());
        new IntegrationsTableFixture(warehouse)
                .commit(
                        t0,
                        seed.upsert(
                                "acme-prod",
                                new IntegrationPatch()
                                        .tenantId("acme")
                                        .bucket("acme-cloudtrail")
                                        .organizationId("o-abcdef1234")
                                        .includedAccounts(List.of("111111111111"))),
                        seed.upsert(
                                "globex",
                                new IntegrationPatch().tenantId("globex").bucket("globex-cloudtrail")));
        String[] to = {"--kinesis-stream", arn, "--endpoint", KINESIS.endpoint().toString(), "--author", "bob@ops"};
        String[] checked = with(to, "--warehouse", warehouse.toString());

        List<ControlMessage> sent = new ArrayList<>();
        Map<String, String[]> where = new LinkedHashMap<>();
        String[][] session = {
            with(new String[] {"integration", "suspend", "acme-prod"}, checked),
            with(new String[] {"integration", "suspend", "globex"}, checked),
            with(new String[] {"integration", "add-accounts", "acme-prod", "222222222222"}, checked),
            with(new String[] {"licence", "expire", "acme"}, to),
            with(new String[] {"integration", "resume", "acme-prod"}, checked),
            with(new String[] {"integration", "update", "globex", "--name", "Globex Corporation"}, checked),
            with(new String[] {"licence", "renew", "acme"}, to),
            with(new String[] {"integration", "set-accounts", "acme-prod", "111111111111", "333333333333"}, checked),
            with(new String[] {"integration", "resume", "globex"}, checked),
        };
        for (String[] command : session) {
            ControlMessage m = published(command);
            Matcher w = KINESIS_WHERE.matcher(err);
            assertThat(w.find()).as(err).isTrue();
            assertThat(w.group(1)).isEqualTo(arn);
            sent.add(m);
            where.put(m.messageId, new String[] {w.group(2), w.group(3)});
        }
        assertThat(refused(with(new String[] {"integration", "suspend", "ghost"}, checked)))
                .contains("unknown_integration")
                .contains("integrations table cloudtrail.integrations");
        assertThat(refused(with(new String[] {"integration", "set-accounts", "acme-prod", "1234"}, checked)))
                .contains("bad_account_id");
        assertThat(refused(with(
                        new String[] {
                            "integration", "add", "globex", "--tenant", "globex", "--bucket", "globex-cloudtrail"
                        },
                        checked)))
                .contains("integration globex exists already");
        assertThat(refused(with(new String[] {"integration", "suspend", "globex"}, to)))
                .contains("--warehouse DIR");

        List<StreamContents.Received> records = StreamContents.read(KINESIS.client(), "control");
        Map<String, ControlMessage> byId = sent.stream().collect(Collectors.toMap(m -> m.messageId, m -> m));
        List<String> arrivedIds = new ArrayList<>();
        for (StreamContents.Received r : records) {
            ParsedControl p = PARSER.parse(r.data(), 0);
            assertThat(p.isOk()).as(r.data()).isTrue();
            ControlMessage m = byId.get(p.message.messageId);
            assertThat(m).as("a message we published: " + r.data()).isNotNull();
            assertThat(r.data()).isEqualTo(m.json);
            assertThat(r.partitionKey()).isEqualTo(m.kind.isTenantKind() ? m.tenantId : m.integrationId);
            assertThat(new String[] {r.shardId(), r.sequenceNumber()})
                    .as("where stderr said")
                    .containsExactly(where.get(m.messageId));
            arrivedIds.add(m.messageId);
        }
        assertThat(arrivedIds).as("every message exactly once").containsExactlyInAnyOrderElementsOf(byId.keySet());
        for (String key : List.of("acme-prod", "globex", "acme")) {
            List<String> issued = sent.stream()
                    .filter(m -> m.targetId().equals(key))
                    .map(m -> m.messageId)
                    .toList();
            List<String> arrived = records.stream()
                    .filter(r -> r.partitionKey().equals(key))
                    .map(r -> PARSER.parse(r.data(), 0).message.messageId)
                    .toList();
            assertThat(arrived).as("%s in issue order", key).containsExactlyElementsOf(issued);
            assertThat(records.stream()
                            .filter(r -> r.partitionKey().equals(key))
                            .map(StreamContents.Received::shardId)
                            .distinct())
                    .as("%s on one shard", key)
                    .hasSize(1);
        }
        assertThat(sent.stream().filter(m -> m.kind == ControlKind.LICENCE_EXPIRED))
                .hasSize(1);
    }

    @Test
    void listReadsTheIntegrationsTableAndSaysWhenItFallsBack() throws IOException {
        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600).toString());
        long t0 = clock.millis();
        ControlMessageBuilder b = new ControlMessageBuilder("setup", clock, clock.ids());
        new IntegrationsTableFixture(warehouse)
                .commit(
                        t0,
                        b.upsert(
                                "acme-prod",
                                new IntegrationPatch()
                                        .tenantId("acme")
                                        .bucket("acme-cloudtrail")
                                        .prefix("org")),
                        b.upsert(
                                "globex",
                                new IntegrationPatch().tenantId("globex").bucket("globex-cloudtrail")))
                .commit(t0 + 60_000, b.suspend("globex"), b.expireLicence("acme"));

        assertThat(run("integration", "list", "--warehouse", warehouse.toString()))
                .as(err)
                .isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0))
                .matches("INTEGRATION +TENANT +BUCKET/PREFIX +ORGANIZATION +ACCOUNTS +STATUS +EFFECTIVE +HEALTH");
        assertThat(lines.get(1))
                .matches("acme-prod +acme +acme-cloudtrail/org +- +all +active +suspended \\(licence\\) +-");
        assertThat(lines.get(2)).matches("globex +globex +globex-cloudtrail +- +all +suspended +suspended +-");
        assertThat(lines).hasSize(3);
        assertThat(err)
                .isEqualTo("2 integration(s) from integrations table cloudtrail.integrations (catalog jdbc:sqlite:"
                        + warehouse.toAbsolutePath().resolve("catalog.db") + ")" + System.lineSeparator());

        Path empty = Files.createDirectories(dir.resolve("empty-warehouse"));
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                "catalog:\n  warehouse: " + empty + "\nintegrations:\n"
                        + "  - integration_id: seeded\n    tenant_id: initech\n    bucket: initech-trail\n");
        assertThat(run("integration", "list", "--config", config.toString()))
                .as(err)
                .isZero();
        assertThat(out.lines().toList()).hasSize(2).last().asString().startsWith("seeded ");
        assertThat(err)
                .isEqualTo("1 integration(s) from the integrations of config " + config
                        + ", as integrations table cloudtrail.integrations (catalog jdbc:sqlite:"
                        + empty.resolve("catalog.db")
                        + ") does not exist yet" + System.lineSeparator());
        assertThat(empty).as("reading creates no catalog").isEmptyDirectory();

        // A warehouse with the ingestion tables but no integrations table, as a job from before the control tables left
        // it.
        Path jobWarehouse = Files.createDirectories(dir.resolve("job-warehouse"));
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.WAREHOUSE, jobWarehouse.toString());
        TableBootstrap.ensure(
                IcebergCatalogs.loader(catalog), "cloudtrail", List.of(TrailTables.EVENTS, TrailTables.OBJECTS));
        String folder = dir.resolve("control").toString();
        published("integration", "suspend", "seeded", "--to-folder", folder, "--config", config.toString());
        assertThat(run(
                        "integration",
                        "list",
                        "--config",
                        config.toString(),
                        "--warehouse",
                        jobWarehouse.toString(),
                        "--from-folder",
                        folder))
                .as(err)
                .isZero();
        assertThat(out.lines().toList().get(1))
                .matches("seeded +initech +initech-trail +- +all +suspended +suspended +-");
        assertThat(err)
                .isEqualTo("1 integration(s) from control folder " + folder + ", as integrations table"
                        + " cloudtrail.integrations (catalog jdbc:sqlite:"
                        + jobWarehouse.toAbsolutePath().resolve("catalog.db")
                        + ") does not exist yet" + System.lineSeparator());
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(run("integration", "--help")).isZero();
        assertThat(out)
                .contains(
                        "add",
                        "update",
                        "suspend",
                        "resume",
                        "disconnect",
                        "delete",
                        "set-accounts",
                        "add-accounts",
                        "remove-accounts",
                        "list",
                        "Examples:");
        assertThat(run("integration", "suspend", "--help")).isZero();
        assertThat(out)
                .contains(
                        "Usage: trailstream integration suspend [OPTIONS] INTEGRATION_ID",
                        "--to-folder=DIR",
                        "--kinesis-stream=ARN",
                        "--config=FILE",
                        "--warehouse=DIR",
                        "Exit codes:");
        assertThat(run("licence", "renew", "--help")).isZero();
        assertThat(out).contains("--valid-until=INSTANT").doesNotContain("--warehouse");

        assertThat(run("integration", "suspnd", "acme-prod")).isEqualTo(2);
        assertThat(err)
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "error: Unmatched arguments from index 1: 'suspnd', 'acme-prod'",
                        "Did you mean: integration suspend or integration resume?",
                        "See 'trailstream integration --help' for usage.",
                        ""));
        assertThat(run("integration", "add-accounts", "acme-prod", "--to-folder", dir.toString()))
                .isEqualTo(2);
        assertThat(err)
                .startsWith("error: Missing required parameter: 'ACCOUNT'")
                .hasLineCount(2);
        assertThat(out).isEmpty();
    }

    @Test
    void aFailedPutIsExitCode1WithTheReasonAndNothingOnStdout() {
        String missing = KinesisEmulator.streamArn("no-such-control-stream");
        assertThat(run(
                        "integration",
                        "suspend",
                        "acme-prod",
                        "--kinesis-stream",
                        missing,
                        "--endpoint",
                        KINESIS.endpoint().toString(),
                        "--force"))
                .isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err)
                .startsWith("error: set_status for integration acme-prod not published: PutRecord to Kinesis stream "
                        + missing + " failed: ResourceNotFoundException: ")
                .doesNotContain("\tat ");
        assertThat(err.lines().count()).isEqualTo(1);
    }

    @Test
    void withOnlyTheJobConfigChangesGoToItsControlStreamCheckedAgainstItsIntegrations() throws IOException {
        String arn = KINESIS.createStream("control-configured", 1);
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                "catalog.warehouse: " + Files.createDirectories(dir.resolve("w")) + "\n"
                        + "control:\n  source: kinesis\n  kinesis:\n    stream.arn: " + arn + "\n    aws.endpoint: "
                        + KINESIS.endpoint() + "\n"
                        + "integrations:\n  - integration_id: seeded\n    tenant_id: initech\n    bucket: initech-trail\n");
        ControlMessage disconnect = published("integration", "disconnect", "seeded", "--config", config.toString());
        assertThat(err).contains("to Kinesis stream " + arn + " (shard shardId-000000000000, sequence ");
        ControlMessage expire = published("licence", "expire", "initech", "--config", config.toString());
        assertThat(refused("integration", "disconnect", "other", "--config", config.toString()))
                .contains("unknown_integration")
                .contains("the integrations of config " + config)
                .contains("does not exist yet");
        assertThat(StreamContents.read(KINESIS.client(), "control-configured"))
                .extracting(StreamContents.Received::data)
                .containsExactly(disconnect.json, expire.json);
    }

    /** The whole loop: publish into a folder, the embedded job applies it and records it, list and a Kinesis check read that. */
    @Test
    void theTableTheEmbeddedJobWritesIsWhatListAndTheKinesisCheckRead() throws IOException {
        String folder = dir.resolve("control").toString();
        Path warehouse = dir.resolve("warehouse");
        published(
                "integration",
                "add",
                "acme-prod",
                "--tenant",
                "acme",
                "--bucket",
                "acme-cloudtrail",
                "--to-folder",
                folder);
        published(
                "integration",
                "add",
                "globex",
                "--tenant",
                "globex",
                "--bucket",
                "globex-cloudtrail",
                "--to-folder",
                folder);
        published("integration", "suspend", "globex", "--to-folder", folder);
        published("licence", "expire", "acme", "--to-folder", folder);
        assertThat(run("local", "--control", folder, "--warehouse", warehouse.toString(), "--parallelism", "1"))
                .as(out + err)
                .isZero();

        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--tenant", "acme"))
                .as(err)
                .isZero();
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().toList().get(1))
                .matches("acme-prod +acme +acme-cloudtrail +- +all +active +suspended \\(licence\\) +-");
        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--tenant", "globex"))
                .as(err)
                .isZero();
        assertThat(out.lines().toList().get(1))
                .matches("globex +globex +globex-cloudtrail +- +all +suspended +suspended +-");
        assertThat(err).contains("from integrations table cloudtrail.integrations");

        String arn = KINESIS.createStream("control-after-local", 1);
        String[] to = {
            "--kinesis-stream", arn, "--endpoint", KINESIS.endpoint().toString(), "--warehouse", warehouse.toString()
        };
        ControlMessage resume = published(with(new String[] {"integration", "resume", "globex"}, to));
        assertThat(refused(with(
                        new String[] {
                            "integration", "add", "acme-prod", "--tenant", "acme", "--bucket", "acme-cloudtrail"
                        },
                        to)))
                .contains("integration acme-prod exists already");
        assertThat(refused(with(new String[] {"integration", "suspend", "initech"}, to)))
                .contains("unknown_integration");
        assertThat(StreamContents.read(KINESIS.client(), "control-after-local"))
                .extracting(StreamContents.Received::data)
                .containsExactly(resume.json);
    }
}
