package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A misspelt key in the job config stops {@code run} and {@code local} before anything runs, naming the key
 * and the nearest known one, as a user sees it on the command line; Flink's own keys beside it pass.
 */
class JobConfigTyposTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run   | fetch.concurency: 3 | fetch.concurency | fetch.concurrency",
                "run   | dedupe.tll: 1 d     | dedupe.tll       | dedupe.ttl",
                "local | fetch.concurency: 3 | fetch.concurency | fetch.concurrency",
                "local | dedupe.tll: 1 d     | dedupe.tll       | dedupe.ttl",
                "local | 'notifications: {kinesis: {source.polling.intervall: 1 s}}' "
                        + "| notifications.kinesis.source.polling.intervall "
                        + "| notifications.kinesis.source.polling.interval"
            })
    void aTypoIsRefusedWithTheNearestKnownKey(
            String command, String line, String key, String nearest, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("trailstream.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "execution.checkpointing.interval: 10 s",
                        "state.backend.type: hashmap",
                        "catalog.property.io-impl: org.apache.iceberg.hadoop.HadoopFileIO",
                        line,
                        ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = command.equals("run")
                ? TrailstreamCommand.execute(
                        new PrintWriter(out, true), new PrintWriter(err, true), "run", "--config", config.toString())
                : TrailstreamCommand.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "local",
                        "--warehouse",
                        dir.resolve("warehouse").toString(),
                        "--config",
                        config.toString());

        assertThat(code).as("exit code; out: %s err: %s", out, err).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("trailstream: config file " + config + ": unknown option '" + key + "' (did you mean '"
                        + nearest + "'?); trailstream's options are listed in docs/configuration.md");
        assertThat(err.toString()).doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("trailstream local: input");
        assertThat(dir.resolve("warehouse")).doesNotExist();
    }
}
