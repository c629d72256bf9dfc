package io.trailstream.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's Python virtual environment for tests, {@code target/notebooks-venv} (the folder the notebook
 * tests use too, so one build makes one environment): created with {@code python3 -m venv} when missing, and
 * a package pip-installed into it when it is not there at the pinned version. pip's output goes to a log file
 * under {@code target/}, never to the test JVM's stdout (surefire reads that as its channel).
 */
public final class PythonVenv {
    /** Shared with the notebook tests (lake's NotebooksITCase): the same folder name. */
    public static final String FOLDER = "notebooks-venv";

    private static final Object LOCK = new Object();
    private static final long INSTALL_TIMEOUT_MINUTES = 10;

    private PythonVenv() {}

    /** The environment's folder. */
    public static Path dir() {
        return projectDir().resolve("target").resolve(FOLDER);
    }

    /** A program of the environment ({@code bin/NAME}). */
    public static Path bin(String name) {
        return dir().resolve("bin").resolve(name);
    }

    /**
     * Makes sure {@code distribution} is installed at {@code version} ({@code requirement} is what pip is
     * given, e.g. {@code moto[server]==5.2.5}), creating the environment first when needed.
     */
    public static void ensure(String distribution, String version, String requirement) {
        synchronized (LOCK) {
            if (!Files.isExecutable(bin("python"))) {
                run(List.of(python(), "-m", "venv", dir().toString()), "venv");
            }
            if (installed(distribution, version)) return;
            run(
                    List.of(
                            bin("python").toString(),
                            "-m",
                            "pip",
                            "install",
                            "--quiet",
                            "--disable-pip-version-check",
                            requirement),
                    "pip-" + distribution);
            if (!installed(distribution, version)) {
                throw new IllegalStateException("pip installed " + requirement + " but " + distribution + " " + version
                        + " is still not importable in " + dir());
            }
        }
    }

    private static boolean installed(String distribution, String version) {
        try {
            Process p = new ProcessBuilder(
                            bin("python").toString(),
                            "-c",
                            "import importlib.metadata as m, sys; sys.exit(0 if m.version('" + distribution + "') == '"
                                    + version + "' else 1)")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command, String logName) {
        Path log = projectDir().resolve("target").resolve(logName + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + INSTALL_TIMEOUT_MINUTES + " minutes; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + p.exitValue() + "): " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not run " + String.join(" ", command) + " (is Python 3 with venv installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static String python() {
        return System.getProperty("trailstream.python", "python3");
    }

    static Path projectDir() {
        String dir = System.getProperty("trailstream.project.dir");
        return (dir == null || dir.isBlank() ? Paths.get("") : Paths.get(dir)).toAbsolutePath();
    }
}
