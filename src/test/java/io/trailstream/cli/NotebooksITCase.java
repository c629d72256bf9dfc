package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.testing.PythonVenv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' side in the project's one test command: a Python virtual environment under {@code target/} with
 * {@code notebooks/requirements.txt} (made when missing, see {@link PythonVenv}), two weeks of CloudTrail from
 * three integrations ({@code notebooks/tests/lake_fixture.py}), {@code trailstream local} (in-process, embedded
 * MiniCluster) writing a fresh warehouse from them, then the notebook tests ({@code pytest notebooks/tests}),
 * which execute every notebook and check what PyIceberg and DuckDB read against the trail files. Nothing is
 * skipped on a fresh machine.
 */
class NotebooksITCase {
    private static final Duration PYTEST_TIMEOUT = Duration.ofMinutes(15);

    @Test
    void notebookTestsPassAgainstALocalRunOverTheLakeFixture(@TempDir Path dir) throws Exception {
        Path project = Path.of(System.getProperty("trailstream.project.dir", System.getProperty("user.dir")))
                .toAbsolutePath();
        assertThat(project.resolve("notebooks/tests"))
                .as("notebook tests under the project dir")
                .isDirectory();
        Path python = PythonVenv.ensure();

        Path lake = dir.resolve("lake");
        int generated = PythonVenv.run(
                List.of(python.toString(), "notebooks/tests/lake_fixture.py", "--out", lake.toString()),
                project,
                Map.of(),
                "fixture | ",
                Duration.ofMinutes(5));
        assertThat(generated).as("exit code of lake_fixture.py").isZero();

        Path warehouse = lake.resolve("warehouse");
        int exit = TrailstreamCommand.execute(
                "local",
                "--input",
                lake.resolve("bucket").toString(),
                "--config",
                lake.resolve("job.yaml").toString(),
                "--warehouse",
                warehouse.toString());
        assertThat(exit)
                .as("exit code of trailstream local over the lake fixture")
                .isZero();
        assertThat(warehouse.resolve("catalog.db")).isRegularFile();

        int pytest = PythonVenv.run(
                List.of(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider", "notebooks/tests"),
                project,
                Map.of(
                        "TRAILSTREAM_FIXTURE",
                        lake.toString(),
                        "TRAILSTREAM_WAREHOUSE",
                        warehouse.toString(),
                        "PYTHONDONTWRITEBYTECODE",
                        "1"),
                "pytest | ",
                PYTEST_TIMEOUT);
        assertThat(pytest)
                .as("exit code of pytest notebooks/tests (output above)")
                .isZero();
    }
}
