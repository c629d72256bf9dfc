package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlView;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The integration and licence subcommands end to end, publishing into a temporary control folder. */
class ControlCommandsTest {
    @TempDir
    Path dir;

    private final StepClock clock = new StepClock("2026-11-27T10:00:00Z");
    private final ControlCommandContext context = new ControlCommandContext().withClock(clock, clock.ids());
    private String out;
    private String err;

    private int integration(String... args) {
        return run(new IntegrationCommands(context), args);
    }

    private int licence(String... args) {
        return run(new LicenceCommands(context), args);
    }

    private int run(Object command, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String folder() {
        return dir.toString();
    }

    private ControlView state() throws IOException {
        return new FolderIntegrationLookup(dir, null).current();
    }

    @Test
    void anIntegrationNamesTheRoleItIsReadWithAndUpdateCanDropIt() throws IOException {
        String role = "arn:aws:iam::111122223333:role/trailstream-acme-read";
        assertThat(integration(
                        "add",
                        "acme",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--role-arn",
                        role,
                        "--external-id",
                        "acme-7f3a",
                        "--to-folder",
                        folder()))
                .as(err)
                .isZero();
        assertThat(state().integration("acme").roleArn).isEqualTo(role);
        assertThat(state().integration("acme").externalId).isEqualTo("acme-7f3a");
        assertThat(integration("update", "acme", "--role-arn", "arn:aws:s3:::nope", "--to-folder", folder()))
                .as("not a role ARN")
                .isEqualTo(2);
        assertThat(err).contains("role_arn");
        assertThat(integration("update", "acme", "--no-role", "--to-folder", folder()))
                .as(err)
                .isZero();
        assertThat(state().integration("acme").roleArn).isNull();
        assertThat(state().integration("acme").externalId).isNull();
    }

    @Test
    void addThenChangeAnIntegrationAndPrintWhatWasSent() throws IOException {
        assertThat(integration(
                        "add",
                        "acme-org",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--prefix",
                        "org",
                        "--organization",
                        "o-abcdef1234",
                        "--accounts",
                        "222222222222,111111111111",
                        "--name",
                        "ACME Org",
                        "--to-folder",
                        folder(),
                        "--author",
                        "alice@ops"))
                .as(err)
                .isZero();
        ParsedControl sent = new ControlMessageParser().parse(out.strip(), clock.millis());
        assertThat(sent.isOk()).as(out).isTrue();
        assertThat(sent.message.integration.includedAccounts).containsExactly("111111111111", "222222222222");
        assertThat(sent.message.author).isEqualTo("alice@ops");
        assertThat(err)
                .isEqualTo("published upsert_integration for integration acme-org to "
                        + LocalFolderPublisher.messagesInOrder(dir).get(0) + System.lineSeparator());
        assertThat(LocalFolderPublisher.messagesInOrder(dir)).hasSize(1);

        assertThat(integration("suspend", "acme-org", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(state().integration("acme-org").status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(integration("resume", "acme-org", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(integration("add-accounts", "acme-org", "333333333333", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(integration(
                        "remove-accounts", "acme-org", "111111111111", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(state().integration("acme-org").includedAccounts).containsExactly("222222222222", "333333333333");
        assertThat(integration("set-accounts", "acme-org", "--all", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(state().integration("acme-org").includedAccounts).isNull();
        assertThat(integration(
                        "update",
                        "acme-org",
                        "--name",
                        "Renamed",
                        "--no-prefix",
                        "--to-folder",
                        folder(),
                        "--author",
                        "bob"))
                .isZero();
        assertThat(state().integration("acme-org").displayName).isEqualTo("Renamed");
        assertThat(state().integration("acme-org").prefix).isNull();
        assertThat(integration("disconnect", "acme-org", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(integration("delete", "acme-org", "--to-folder", folder(), "--author", "bob"))
                .isZero();
        assertThat(state().integration("acme-org").status).isEqualTo(IntegrationStatus.DELETED);
        assertThat(LocalFolderPublisher.messagesInOrder(dir))
                .as("one file per command")
                .hasSize(9);
    }

    @Test
    void refusesChangesTheJobWouldRejectAndPublishesNothing() throws IOException {
        assertThat(integration("suspend", "ghost", "--to-folder", folder(), "--author", "bob"))
                .isEqualTo(2);
        assertThat(err).contains("unknown_integration").contains("ghost").contains("--force");
        assertThat(integration("update", "ghost", "--name", "x", "--to-folder", folder(), "--author", "bob"))
                .isEqualTo(2);
        assertThat(err).contains("unknown integration ghost");
        assertThat(integration(
                        "add",
                        "a",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--to-folder",
                        folder(),
                        "--author",
                        "b"))
                .isZero();
        assertThat(integration(
                        "add",
                        "a",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--to-folder",
                        folder(),
                        "--author",
                        "b"))
                .isEqualTo(2);
        assertThat(err).contains("exists already");
        assertThat(integration("add-accounts", "a", "111111111111", "--to-folder", folder(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).as("not an Organization trail").contains("not_an_organization");
        assertThat(integration("add-accounts", "a", "1234", "--to-folder", folder(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).contains("bad_account_id");
        assertThat(integration(
                        "add",
                        "b",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--status",
                        "paused",
                        "--to-folder",
                        folder()))
                .isEqualTo(2);
        assertThat(err).contains("paused");
        assertThat(integration("add", "b", "--tenant", "acme", "--to-folder", folder()))
                .isEqualTo(2);
        assertThat(err).contains("--bucket");
        assertThat(integration("update", "a", "--to-folder", folder())).isEqualTo(2);
        assertThat(err).contains("at least one field");
        assertThat(integration("suspend", "a")).isEqualTo(2);
        assertThat(err).contains("exactly one of --to-folder");
        assertThat(integration("delete", "a", "--to-folder", folder(), "--author", "b"))
                .isZero();
        assertThat(integration("delete", "a", "--to-folder", folder(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).contains("deleted already");
        assertThat(integration("resume", "a", "--to-folder", folder(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).contains("integration_deleted");
        assertThat(LocalFolderPublisher.messagesInOrder(dir))
                .as("only the add and the delete")
                .hasSize(2);
    }

    @Test
    void forceAndDryRun() throws IOException {
        assertThat(integration("suspend", "ghost", "--to-folder", folder(), "--force", "--author", "b"))
                .isZero();
        assertThat(LocalFolderPublisher.messagesInOrder(dir)).hasSize(1);
        assertThat(integration(
                        "add",
                        "x",
                        "--tenant",
                        "t",
                        "--bucket",
                        "xbucket",
                        "--to-folder",
                        folder(),
                        "--dry-run",
                        "--author",
                        "b"))
                .isZero();
        assertThat(out).contains("\"kind\":\"upsert_integration\"");
        assertThat(err).contains("dry run");
        assertThat(LocalFolderPublisher.messagesInOrder(dir)).hasSize(1);
    }

    @Test
    void optionsThatDoNotFitTogetherAreRefusedBeforeAnythingIsRead() throws IOException {
        assertThat(integration("suspend", "a", "--to-folder", folder(), "--kinesis-stream", "control"))
                .isEqualTo(2);
        assertThat(err).contains("exactly one of --to-folder DIR and --kinesis-stream ARN");
        assertThat(integration("suspend", "a", "--to-folder", folder(), "--region", "eu-west-1"))
                .isEqualTo(2);
        assertThat(err).contains("--region is for --kinesis-stream");
        assertThat(integration("suspend", "a", "--to-folder", folder(), "--warehouse", folder()))
                .isEqualTo(2);
        assertThat(err).contains("--warehouse is not read when publishing to a control folder");
        assertThat(integration(
                        "suspend",
                        "a",
                        "--kinesis-stream",
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/c",
                        "--region",
                        "us-east-1"))
                .isEqualTo(2);
        assertThat(err).contains("--region us-east-1 does not match");
        assertThat(integration(
                        "suspend",
                        "a",
                        "--kinesis-stream",
                        "c",
                        "--region",
                        "eu-west-1",
                        "--endpoint",
                        "localhost:4567"))
                .isEqualTo(2);
        assertThat(err).contains("--endpoint: 'localhost:4567' is not an http(s) URL");
        assertThat(integration(
                        "suspend",
                        "a",
                        "--kinesis-stream",
                        "c",
                        "--region",
                        "eu-west-1",
                        "--warehouse",
                        dir.resolve("nowhere").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--warehouse: '" + dir.resolve("nowhere") + "' is not a folder");
        assertThat(integration("suspend", "a", "--kinesis-stream", "c", "--region", "eu-west-1"))
                .isEqualTo(2);
        assertThat(err)
                .contains("cannot check integration a before publishing it to Kinesis")
                .contains("--warehouse DIR")
                .contains("--config FILE")
                .contains("--force");
        Files.writeString(dir.resolve("bad.yaml"), "integrations:\n  - integration_id: x\n");
        assertThat(integration(
                        "suspend",
                        "x",
                        "--to-folder",
                        folder(),
                        "--config",
                        dir.resolve("bad.yaml").toString()))
                .isEqualTo(2);
        assertThat(err)
                .isEqualTo("error: integrations[0]: missing_field: required field 'tenant_id' is missing"
                        + System.lineSeparator());
        assertThat(LocalFolderPublisher.messagesInOrder(dir)).isEmpty();
    }

    @Test
    void theConfigsIntegrationsAreTheStateUnderTheFolder() throws IOException {
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config, "integrations:\n  - integration_id: seeded\n    tenant_id: acme\n    bucket: acme-trail\n");
        Path control = dir.resolve("control");
        assertThat(integration("suspend", "seeded", "--to-folder", control.toString(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).contains("unknown_integration");
        assertThat(integration(
                        "suspend",
                        "seeded",
                        "--to-folder",
                        control.toString(),
                        "--config",
                        config.toString(),
                        "--author",
                        "b"))
                .as(err)
                .isZero();
        StateSourceOptions withConfig = new StateSourceOptions();
        withConfig.config = config;
        assertThat(new FolderIntegrationLookup(control, withConfig.seeds())
                        .current()
                        .integration("seeded")
                        .status)
                .isEqualTo(IntegrationStatus.SUSPENDED);
    }

    @Test
    void theConfigsControlFolderIsTheDefaultTarget() throws IOException {
        Path control = dir.resolve("control");
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                "control:\n  source: local\n  local.path: " + control + "\n"
                        + "integrations:\n  - integration_id: seeded\n    tenant_id: acme\n    bucket: acme-trail\n");
        assertThat(integration("suspend", "seeded", "--config", config.toString(), "--author", "b"))
                .as(err)
                .isZero();
        assertThat(licence("expire", "acme", "--config", config.toString(), "--author", "b"))
                .as(err)
                .isZero();
        assertThat(LocalFolderPublisher.messagesInOrder(control)).hasSize(2);
        assertThat(integration("suspend", "seeded", "--config", config.toString(), "--warehouse", folder()))
                .isEqualTo(2);
        assertThat(err).contains("--warehouse is not read when publishing to a control folder (" + control + ")");

        Files.writeString(config, "integrations: []\n");
        assertThat(licence("expire", "acme", "--config", config.toString())).isEqualTo(2);
        assertThat(err)
                .isEqualTo("error: give --to-folder DIR or --kinesis-stream ARN: the config " + config
                        + " names no control source (control.source is NONE)" + System.lineSeparator());
        Files.writeString(config, "control.source: kinesis\n");
        assertThat(licence("expire", "acme", "--config", config.toString())).isEqualTo(2);
        assertThat(err)
                .contains(
                        "control.source is KINESIS but neither control.kinesis.stream.arn nor control.kinesis.stream.name is set");
        assertThat(LocalFolderPublisher.messagesInOrder(control)).hasSize(2);
    }

    @Test
    void theSampleConfigPublishesToItsControlStream() {
        String sample = Path.of(System.getProperty("trailstream.project.dir", "."), "conf", "trailstream.yaml")
                .toString();
        assertThat(integration("suspend", "acme-prod", "--config", sample, "--force", "--dry-run", "--author", "b"))
                .as(err)
                .isZero();
        assertThat(err)
                .isEqualTo("dry run: set_status for integration acme-prod not published to Kinesis stream "
                        + "arn:aws:kinesis:eu-west-1:123456789012:stream/trailstream-control" + System.lineSeparator());
        assertThat(out).contains("\"kind\":\"set_status\"");
    }

    @Test
    void aNewMessageSortsAfterTheFoldersLatestEvenIfTheClockIsBehind() throws IOException {
        ControlMessageBuilder ahead =
                new ControlMessageBuilder("x", new StepClock("2026-11-27T11:00:00Z"), () -> "ahead");
        new LocalFolderPublisher(dir)
                .publish(ahead.upsert(
                        "a",
                        new io.trailstream.control.message.IntegrationPatch()
                                .tenantId("t")
                                .bucket("t-trail")));
        assertThat(integration("suspend", "a", "--to-folder", folder(), "--author", "b"))
                .as(err)
                .isZero();
        List<Path> files = LocalFolderPublisher.messagesInOrder(dir);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("20261127T110000000-ahead.json");
        assertThat(files.get(1).getFileName().toString())
                .as("issued 1 ms later, not at the clock's 10:00")
                .isEqualTo("20261127T110000001-m-001.json");
        assertThat(state().integration("a").status).isEqualTo(IntegrationStatus.SUSPENDED);
    }

    @Test
    void licenceCommands() throws IOException {
        assertThat(integration(
                        "add",
                        "a",
                        "--tenant",
                        "acme",
                        "--bucket",
                        "acme-trail",
                        "--to-folder",
                        folder(),
                        "--author",
                        "b"))
                .isZero();
        assertThat(licence("expire", "acme", "--to-folder", folder(), "--author", "b"))
                .isZero();
        assertThat(out).contains("\"kind\":\"licence_expired\"").contains("\"tenant_id\":\"acme\"");
        assertThat(state().tenant("acme").licenceExpired).isTrue();
        assertThat(licence(
                        "renew",
                        "acme",
                        "--valid-until",
                        "2027-01-01T00:00:00Z",
                        "--to-folder",
                        folder(),
                        "--author",
                        "b"))
                .isZero();
        assertThat(state().tenant("acme").validUntilMillis)
                .isEqualTo(java.time.Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        assertThat(licence("valid-until", "acme", "none", "--to-folder", folder(), "--author", "b"))
                .isZero();
        assertThat(out).contains("\"valid_until\":null");
        assertThat(state().tenant("acme").validUntilMillis).isZero();
        assertThat(licence("valid-until", "acme", "next tuesday", "--to-folder", folder(), "--author", "b"))
                .isEqualTo(2);
        assertThat(err).contains("ISO-8601");
    }

    @Test
    void listShowsTheCurrentIntegrations() throws IOException {
        integration(
                "add",
                "acme-org",
                "--tenant",
                "acme",
                "--bucket",
                "acme-trail",
                "--organization",
                "o-abcdef1234",
                "--accounts",
                "111111111111",
                "--to-folder",
                folder(),
                "--author",
                "b");
        integration(
                "add",
                "acme-dev",
                "--tenant",
                "acme",
                "--bucket",
                "acme-dev-trail",
                "--prefix",
                "dev",
                "--to-folder",
                folder(),
                "--author",
                "b");
        integration(
                "add", "beta", "--tenant", "beta", "--bucket", "beta-trail", "--to-folder", folder(), "--author", "b");
        integration("suspend", "acme-dev", "--to-folder", folder(), "--author", "b");
        integration("delete", "beta", "--to-folder", folder(), "--author", "b");
        licence("expire", "acme", "--to-folder", folder(), "--author", "b");
        assertThat(integration("list", "--from-folder", folder())).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("INTEGRATION");
        assertThat(lines.get(1)).startsWith("acme-dev").contains("suspended").contains("acme-dev-trail/dev");
        assertThat(lines.get(2))
                .startsWith("acme-org")
                .contains("active")
                .contains("suspended (licence)")
                .contains("111111111111");
        assertThat(err).contains("2 integration(s) from control folder");
        assertThat(integration("list", "--from-folder", folder(), "--deleted", "--tenant", "beta"))
                .isZero();
        assertThat(out.lines().toList())
                .hasSize(2)
                .last()
                .asString()
                .startsWith("beta")
                .contains("deleted");
        assertThat(integration("list")).isEqualTo(2);
        assertThat(err).contains("--warehouse DIR").contains("--config FILE").contains("--from-folder DIR");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(integration("--help")).isZero();
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
                        "list");
        assertThat(Files.exists(dir.resolve("anything"))).isFalse();
    }
}
