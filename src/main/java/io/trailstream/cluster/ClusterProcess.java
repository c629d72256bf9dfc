package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of a local cluster as its pid file records it: role, index, pid and start time. The start
 * time guards against a recycled pid: a process is ours only if both match, so {@code stop} never signals a
 * stranger.
 */
public final class ClusterProcess {
    private final ProcessRole role;
    private final int index;
    private final long pid;
    private final long startedMillis;

    ClusterProcess(ProcessRole role, int index, long pid, long startedMillis) {
        this.role = role;
        this.index = index;
        this.pid = pid;
        this.startedMillis = startedMillis;
    }

    static ClusterProcess of(ProcessRole role, int index, ProcessHandle handle) {
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new ClusterProcess(role, index, handle.pid(), started);
    }

    public ProcessRole role() {
        return role;
    }

    public int index() {
        return index;
    }

    public long pid() {
        return pid;
    }

    /** {@code jobmanager}, {@code taskmanager-1}, {@code zookeeper}. */
    public String name() {
        return role.fileName(index);
    }

    /** The live process, if it is still the one this record started. */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .startInstant()
                        .map(i -> startedMillis == 0 || Math.abs(i.toEpochMilli() - startedMillis) < 1000)
                        .orElse(false));
    }

    public boolean isAlive() {
        return handle().isPresent();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns once it is gone. */
    public void stop(Duration grace) {
        handle().ifPresent(h -> {
            h.destroy();
            if (!awaitExit(h, grace)) {
                h.destroyForcibly();
                awaitExit(h, Duration.ofSeconds(30));
            }
        });
    }

    /** SIGKILL, as a crash or the OOM killer would end it; returns once it is gone. */
    public void kill() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h, Duration.ofSeconds(30));
        });
    }

    private static boolean awaitExit(ProcessHandle h, Duration timeout) {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        }
    }

    void write(Path file) {
        try {
            Files.writeString(
                    file, role + " " + index + " " + pid + " " + startedMillis + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<ClusterProcess> read(Path file) {
        try {
            String[] parts =
                    Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            return Optional.of(new ClusterProcess(
                    ProcessRole.valueOf(parts[0]),
                    Integer.parseInt(parts[1]),
                    Long.parseLong(parts[2]),
                    Long.parseLong(parts[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid + (isAlive() ? ", running)" : ", gone)");
    }
}
