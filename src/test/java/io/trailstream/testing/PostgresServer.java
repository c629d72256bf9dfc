package io.trailstream.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} package (installed with apt-get when it is
 * missing and the tests run as root, as in CI), a fresh cluster in a temporary folder, listening on 127.0.0.1
 * on a free port, with password authentication for one user. PostgreSQL refuses to run as root, so as root
 * the server runs as the {@code postgres} user the package creates. Stopped (and its folder deleted) after
 * the test class, and by a shutdown hook should the JVM end first.
 *
 * <pre>
 * &#64;RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();
 * ... POSTGRES.jdbcUrl("iceberg"), POSTGRES.user(), POSTGRES.password()
 * </pre>
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    private static final String USER = "trailstream";
    private static final String PASSWORD = "trailstream-test-password";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final long START_TIMEOUT_SECONDS = 120;

    private Path bin;
    private Path dir;
    private int port;
    private boolean asPostgresUser;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Installs PostgreSQL if needed, creates a cluster, starts it and waits until it accepts connections. */
    public synchronized void start() throws Exception {
        if (dir != null) return;
        bin = binaries();
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("postgres-test");
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) run("chown", "-R", "postgres:postgres", dir.toString());
        shutdownHook = new Thread(this::stopQuietly, "postgres-test-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        asServerUser(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--pwfile=" + pwfile,
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--no-sync");
        port = LocalResources.freeLoopbackPort();
        // No Unix socket outside the folder; TCP on 127.0.0.1 only. fsync off: a test cluster need not survive a crash.
        String options =
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off" + " -c max_connections=200";
        asServerUser(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                String.valueOf(START_TIMEOUT_SECONDS),
                "start");
    }

    /** Stops the server (fast shutdown) and deletes its folder. */
    public synchronized void stop() {
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            shutdownHook = null;
        }
    }

    private synchronized void stopQuietly() {
        if (dir == null) return;
        try {
            asServerUser(
                    bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } catch (Exception e) {
            System.err.println("PostgresServer: stopping failed: " + e.getMessage());
        }
        LocalResources.deleteRecursively(dir);
        dir = null;
    }

    /** Creates {@code database} (owned by {@link #user()}) and returns its JDBC URL. */
    public String createDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return jdbcUrl(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    /** The Iceberg JDBC catalog's connection properties for this server. */
    public Map<String, String> catalogProperties() {
        return Map.of("jdbc.user", USER, "jdbc.password", PASSWORD);
    }

    /** The newest PostgreSQL under /usr/lib/postgresql, installed from Debian's packages when there is none. */
    private static Path binaries() throws Exception {
        Path found = newestInstalled();
        if (found != null) return found;
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL is not installed: sudo apt-get install -y postgresql");
        }
        System.out.println("PostgresServer: installing Debian's postgresql package");
        List<String> install = List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql");
        if (exec(install, Map.of("DEBIAN_FRONTEND", "noninteractive")) != 0) {
            exec(List.of("apt-get", "update", "-q"), Map.of());
            if (exec(install, Map.of("DEBIAN_FRONTEND", "noninteractive")) != 0) {
                throw new IllegalStateException("apt-get install postgresql failed (output above)");
            }
        }
        found = newestInstalled();
        if (found == null) throw new IllegalStateException("postgresql installed, but no initdb in " + DEBIAN_ROOT);
        return found;
    }

    private static Path newestInstalled() throws IOException {
        if (!Files.isDirectory(DEBIAN_ROOT)) return null;
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> major(b.getParent())))
                    .orElse(null);
        }
    }

    private static int major(Path version) {
        try {
            return Integer.parseInt(version.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void asServerUser(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        run(full.toArray(new String[0]));
    }

    private void run(String... command) throws Exception {
        if (exec(List.of(command), Map.of()) != 0) {
            String log = dir == null ? "" : readLog();
            throw new IllegalStateException("failed: " + String.join(" ", command) + log);
        }
    }

    private String readLog() {
        Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs {@code command}, its output copied to ours (not inherited: surefire's channel is our stdout). */
    private static int exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (!output.isBlank())
            System.out.print(output.lines().map(l -> "postgres | " + l + "\n").reduce("", String::concat));
        return process.exitValue();
    }
}
