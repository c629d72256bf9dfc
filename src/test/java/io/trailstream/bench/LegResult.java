package io.trailstream.bench;

/**
 * What one leg of the benchmark measured. {@code seconds} is the time the rates are computed from; a process
 * leg also has its whole wall clock and the peak resident memory of its JVM ({@code VmHWM}).
 */
record LegResult(
        String name,
        int threads,
        double seconds,
        long records,
        long jsonBytes,
        double wallSeconds,
        long peakRssBytes,
        String note,
        boolean failed,
        long outBytes,
        double cpuSeconds) {

    static LegResult measured(String name, int threads, double seconds, long records, long jsonBytes, String note) {
        return new LegResult(name, threads, seconds, records, jsonBytes, seconds, 0, note, false, 0, 0);
    }

    static LegResult failure(String name, int threads, double wallSeconds, String why) {
        return new LegResult(name, threads, wallSeconds, 0, 0, wallSeconds, 0, why, true, 0, 0);
    }

    double recordsPerSecond() {
        return records / seconds;
    }

    double megabytesPerSecond() {
        return jsonBytes / 1e6 / seconds;
    }

    LegResult withOutBytes(long bytes) {
        return new LegResult(
                name, threads, seconds, records, jsonBytes, wallSeconds, peakRssBytes, note, failed, bytes, cpuSeconds);
    }

    LegResult withCpu(double cpu) {
        return new LegResult(
                name, threads, seconds, records, jsonBytes, wallSeconds, peakRssBytes, note, failed, outBytes, cpu);
    }

    /** A leg measured as a separate process. */
    static LegResult process(
            String name,
            int threads,
            double seconds,
            long records,
            long jsonBytes,
            double wall,
            long peakRss,
            String note) {
        return new LegResult(name, threads, seconds, records, jsonBytes, wall, peakRss, note, false, 0, 0);
    }
}
