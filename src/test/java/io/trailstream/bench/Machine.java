package io.trailstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on: cores, CPU model, memory, JVM, and the load average now. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say less
        }
        return String.format(
                Locale.ROOT,
                "machine: %d cores, %s, %.0f GiB; Java %s; load %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memKb / 1048576.0,
                System.getProperty("java.version"),
                load());
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
