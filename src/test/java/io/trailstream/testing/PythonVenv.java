package io.trailstream.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python virtual environment under {@code target/} with a requirements file installed from PyPI, made when it
 * is missing or its requirements changed (a stamp holds their hash), as the tests install the Kinesis emulator
 * with npm: so the Python tests run on a fresh machine, whatever the system Python has.
 *
 * <pre>
 * Path python = PythonVenv.ensure(project.resolve("target/notebooks-venv"), project.resolve("notebooks/requirements.txt"));
 * </pre>
 */
public final class PythonVenv {
    private static final String STAMP = ".requirements.sha256";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    private PythonVenv() {}

    /** The venv's {@code python}, after creating the venv and installing {@code requirements} if needed. */
    public static synchronized Path ensure(Path venv, Path requirements) throws Exception {
        Path python = venv.resolve("bin/python");
        String hash = sha256(Files.readAllBytes(requirements));
        Path stamp = venv.resolve(STAMP);
        if (Files.isExecutable(python)
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).strip().equals(hash)) {
            return python;
        }
        String base = System.getProperty("trailstream.python", "python3");
        System.out.println("PythonVenv: creating " + venv + " and installing " + requirements + " from PyPI");
        run(List.of(base, "-m", "venv", "--clear", venv.toString()), "venv | ");
        run(
                List.of(
                        python.toString(),
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "-q",
                        "-r",
                        requirements.toString()),
                "pip | ");
        Files.writeString(stamp, hash + "\n");
        return python;
    }

    /**
     * Runs {@code command} with {@code env} added, its output copied to ours line by line with {@code prefix}
     * (not inherited: a child writing to the forked JVM's stdout would corrupt surefire's channel to Maven).
     *
     * @return the exit code
     */
    public static int run(List<String> command, Path dir, Map<String, String> env, String prefix, Duration timeout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) builder.directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null; ) System.out.println(prefix + line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "python-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    private static void run(List<String> command, String prefix) throws Exception {
        int exit = run(command, null, Map.of(), prefix, INSTALL_TIMEOUT);
        if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
