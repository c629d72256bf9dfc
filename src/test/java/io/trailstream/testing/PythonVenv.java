package io.trailstream.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' Python virtual environment, {@code target/test-venv}, with {@code src/test/python/requirements.txt}
 * (the notebooks' packages and moto) installed from PyPI: made when it is missing or the requirements changed (a
 * stamp holds their hash), as the tests install the Kinesis emulator with npm, so the notebook and moto tests run
 * on a fresh machine whatever the system Python has. One environment for every test that needs Python.
 *
 * <pre>
 * Path python = PythonVenv.ensure();
 * Path moto = PythonVenv.bin("moto_server");
 * </pre>
 */
public final class PythonVenv {
    private static final String FOLDER = "test-venv";
    private static final String REQUIREMENTS = "src/test/python/requirements.txt";
    private static final String STAMP = ".requirements.sha256";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    private PythonVenv() {}

    /** The environment's {@code python}, after creating the environment and installing the requirements if needed. */
    public static synchronized Path ensure() throws IOException {
        Path venv = dir();
        Path python = venv.resolve("bin/python");
        Path requirements = projectDir().resolve(REQUIREMENTS);
        String hash = hashOf(requirements);
        Path stamp = venv.resolve(STAMP);
        if (Files.isExecutable(python)
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).strip().equals(hash)) {
            return python;
        }
        String base = System.getProperty("trailstream.python", "python3");
        System.out.println("PythonVenv: making " + venv + " with " + requirements + " from PyPI");
        if (!Files.isExecutable(python)) runOrFail(List.of(base, "-m", "venv", venv.toString()), "venv | ");
        runOrFail(
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

    /** The environment's folder. */
    public static Path dir() {
        return projectDir().resolve("target").resolve(FOLDER);
    }

    /** A program of the environment ({@code bin/NAME}); call {@link #ensure()} first. */
    public static Path bin(String name) {
        return dir().resolve("bin").resolve(name);
    }

    /**
     * Runs {@code command} with {@code env} added, its output copied to ours line by line with {@code prefix}
     * (not inherited: a child writing to the forked JVM's stdout would corrupt surefire's channel to Maven).
     *
     * @return the exit code
     */
    public static int run(List<String> command, Path dir, Map<String, String> env, String prefix, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
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

    static Path projectDir() {
        String dir = System.getProperty("trailstream.project.dir");
        return (dir == null || dir.isBlank() ? Paths.get("") : Paths.get(dir)).toAbsolutePath();
    }

    private static void runOrFail(List<String> command, String prefix) throws IOException {
        try {
            int exit = run(command, null, Map.of(), prefix, INSTALL_TIMEOUT);
            if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** The hash of the requirements file and of the files it includes with {@code -r}. */
    private static String hashOf(Path requirements) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : withIncludes(requirements)) sha.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> withIncludes(Path requirements) throws IOException {
        List<Path> files = new ArrayList<>(List.of(requirements));
        for (String line : Files.readAllLines(requirements)) {
            String l = line.strip();
            if (l.startsWith("-r "))
                files.addAll(
                        withIncludes(requirements.resolveSibling(l.substring(3).strip())));
        }
        return files;
    }
}
