package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' side in the project's one test command: {@code trailstream local} (in-process, embedded
 * MiniCluster) writes a fresh warehouse from the bundled samples, then the notebook tests
 * ({@code python3 -m pytest notebooks/tests}) execute every notebook and check what PyIceberg and DuckDB read
 * against the sample files. Skipped when the Python packages of {@code notebooks/requirements.txt} are missing.
 */
class NotebooksITCase {
    private static final String PYTHON = System.getProperty("trailstream.python", "python3");
    private static final long PYTEST_TIMEOUT_MINUTES = 10;

    @Test
    void notebookTestsPassAgainstALocalRunOverTheSamples(@TempDir Path warehouse) throws Exception {
        Path project = Path.of(System.getProperty("trailstream.project.dir", System.getProperty("user.dir")))
                .toAbsolutePath();
        assertThat(project.resolve("notebooks/tests"))
                .as("notebook tests under the project dir")
                .isDirectory();
        Assumptions.assumeTrue(pythonHasNotebookPackages(project), "pip install -r notebooks/requirements.txt");

        int exit = TrailstreamCommand.execute("local", "--warehouse", warehouse.toString());
        assertThat(exit)
                .as("exit code of trailstream local --warehouse %s", warehouse)
                .isZero();
        assertThat(warehouse.resolve("catalog.db")).isRegularFile();

        ProcessBuilder pytest = new ProcessBuilder(
                        PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "notebooks/tests")
                .directory(project.toFile())
                .redirectErrorStream(true);
        pytest.environment().put("TRAILSTREAM_WAREHOUSE", warehouse.toString());
        pytest.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = pytest.start();
        // Copied through System.out rather than inherited: a child writing to the forked JVM's own stdout would
        // corrupt surefire's channel to Maven.
        Thread pump = pump(process, "pytest | ");
        if (!process.waitFor(PYTEST_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("python3 -m pytest notebooks/tests did not finish in " + PYTEST_TIMEOUT_MINUTES + " minutes");
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(process.exitValue())
                .as("exit code of python3 -m pytest notebooks/tests (output above)")
                .isZero();
    }

    /** Whether {@code python3} can import what the notebook tests need. */
    private static boolean pythonHasNotebookPackages(Path project) throws InterruptedException {
        try {
            Process check = new ProcessBuilder(List.of(PYTHON, "-c", "import pyiceberg, duckdb, nbclient, pytest"))
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(2, TimeUnit.MINUTES)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }

    private static Thread pump(Process process, String prefix) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null; ) {
                            System.out.println(prefix + line);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "pytest-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
