package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.cluster.ClusterProcess;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.Integration;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded soak on the separate-process cluster: a steady notification rate (with redeliveries inside the
 * dedupe TTL) for {@code -Dtrailstream.soak.duration} (default 3 minutes; {@code mvn -B verify -Psoak} runs 30),
 * sampling every TaskManager's heap after a forced GC, its threads and open file descriptors, and the checkpointed
 * state size. Once two dedupe TTLs have passed, none of them may keep growing: the last third of the samples
 * stays within a margin of the middle third. The figures are printed; the data is checked exactly once at the end.
 */
class SoakClusterIT {
    private static final String BUCKET = "trail-bucket";
    private static final long SEED = Long.getLong("trailstream.it.seed", System.nanoTime());
    private static final Duration DURATION = Duration.parse(System.getProperty("trailstream.soak.duration", "PT3M"));
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);
    private static final long NOTIFICATION_EVERY_MS = 250;
    private static final Integration ACME = Integration.of("acme", BUCKET, null);

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    /** One sample: per TaskManager and for the job. */
    record Sample(long atSeconds, long heapAfterGcKb, long threads, long fds, long stateBytes, long objects) {}

    @Test
    void aSteadyRateLeavesHeapThreadsFilesAndStateFlat() throws Exception {
        System.out.printf(
                "SoakClusterIT seed %d, %s at one notification per %d ms, dedupe TTL %s%n",
                SEED, DURATION, NOTIFICATION_EVERY_MS, TTL);
        LocalCluster cluster = SharedCluster.get(SoakClusterIT.class);
        String stream = "notifications-soak-" + SEED;
        KINESIS.createStream(stream, 2);
        Path dir = cluster.layout().root().resolve("jobs/soak-" + SEED);
        Map<String, String> options =
                ClusterJobs.jobOptions(KINESIS, stream, S3, S3.endpoint(), dir.resolve("warehouse"));
        options.put(TrailstreamOptions.DEDUPE_TTL.key(), TTL.toSeconds() + " s");
        options.put("execution.checkpointing.interval", "5 s");
        // Every keyed state of the job expires within the soak: the log-file checks' graces and retention (no
        // digests here, so each file ends unlisted) and the digest chains' retention, as the dedupe TTL.
        options.put("integrity.log-file.missing-grace", "10 s");
        options.put("integrity.log-file.unlisted-grace", "10 s");
        options.put("integrity.log-file.retention", TTL.toSeconds() + " s");
        options.put("integrity.chain.grace", "10 s");
        options.put("integrity.chain.retention", TTL.toSeconds() + " s");
        Path config = ClusterJobs.writeJobConfig(dir.resolve("job.yaml"), options, List.of(ACME));
        RestJobClient job = ClusterJobs.submit(cluster, config, 2, null);
        Producer producer = new Producer(stream);
        Map<Integer, List<Sample>> samples = new TreeMap<>();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        try (Warehouse tables = new Warehouse(ClusterJobs.configuration(options))) {
            long start = System.nanoTime();
            timers.scheduleAtFixedRate(producer::next, 0, NOTIFICATION_EVERY_MS, TimeUnit.MILLISECONDS);
            long end = start + DURATION.toNanos();
            while (System.nanoTime() < end && producer.failure.get() == null) {
                Thread.sleep(SAMPLE_EVERY.toMillis()); // the sampling period of the soak, not a wait for a result
                long at = (System.nanoTime() - start) / 1_000_000_000L;
                long state = stateSize(cluster, job);
                for (int tm = 1; tm <= SharedCluster.TASK_MANAGERS; tm++) {
                    samples.computeIfAbsent(tm, k -> new ArrayList<>())
                            .add(sample(cluster.taskManager(tm), at, state, tables.count("objects")));
                }
            }
            // shutdown, not shutdownNow: a put in progress completes (an interrupt would abort the SDK call half-way
            // and leave an object counted but never notified); no further run starts.
            timers.shutdown();
            assertThat(timers.awaitTermination(2, TimeUnit.MINUTES))
                    .as("the producer's last call returned")
                    .isTrue();
            assertThat(producer.failure.get()).as("producing the notifications").isNull();

            Map<String, Long> expected = Map.of("objects", producer.ledgerRows(), "events", producer.records.get());
            Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofMinutes(4));
            print(samples, producer, seen);
            job.cancel().get(2, TimeUnit.MINUTES);

            assertExactlyOnce(tables, producer);
            for (List<Sample> tm : samples.values()) {
                assertFlat(tm, "heap after GC (KB)", Sample::heapAfterGcKb, 1.25, 24 * 1024);
                assertFlat(tm, "threads", Sample::threads, 1.0, 8);
                assertFlat(tm, "open file descriptors", Sample::fds, 1.0, 48);
                assertFlat(tm, "checkpointed state (bytes)", Sample::stateBytes, 1.3, 16 * 1024);
            }
        } finally {
            timers.shutdownNow();
            TaskManagerLossClusterIT.cancelQuietly(job);
        }
    }

    /** Past two TTLs, the largest of the last third stays within {@code factor} x the middle third's + {@code slack}. */
    private static void assertFlat(
            List<Sample> all, String what, ToLongFunction<Sample> value, double factor, long slack) {
        List<Sample> steady =
                all.stream().filter(s -> s.atSeconds() >= 2 * TTL.toSeconds()).toList();
        if (steady.size() < 3) throw new AssertionError("too few samples past two TTLs for " + what + ": " + all);
        int third = steady.size() / 3;
        long middle =
                steady.subList(third, 2 * third).stream().mapToLong(value).max().orElse(0);
        long last = steady.subList(2 * third, steady.size()).stream()
                .mapToLong(value)
                .max()
                .orElse(0);
        assertThat(last)
                .as("%s: last third vs middle third (%d) of %s", what, middle, steady)
                .isLessThanOrEqualTo((long) (middle * factor) + slack);
    }

    private static long stateSize(LocalCluster cluster, RestJobClient job) {
        JsonNode completed = cluster.rest().checkpoints(job.id()).path("latest").path("completed");
        return completed.path("state_size").asLong();
    }

    private static Sample sample(ClusterProcess tm, long at, long state, long objects) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(tm.pid()), "GC.run");
        String heap = run(jcmd, Long.toString(tm.pid()), "GC.heap_info");
        java.util.regex.Matcher used =
                java.util.regex.Pattern.compile("used (\\d+)K").matcher(heap);
        long heapKb = used.find() ? Long.parseLong(used.group(1)) : -1;
        long threads = Files.readAllLines(Path.of("/proc/" + tm.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Threads:"))
                .mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                .findFirst()
                .orElse(-1);
        long fds;
        try (var list = Files.list(Path.of("/proc/" + tm.pid() + "/fd"))) {
            fds = list.count();
        }
        return new Sample(at, heapKb, threads, fds, state, objects);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void print(Map<Integer, List<Sample>> samples, Producer producer, Map<String, Long> seen) {
        System.out.printf(
                "SoakClusterIT: %d objects (%d records) notified, %d redeliveries; committed %s%n",
                producer.objects.get(), producer.records.get(), producer.redeliveries.get(), seen);
        samples.forEach((tm, list) -> {
            System.out.printf(
                    "SoakClusterIT taskmanager-%d:   t(s)  heap-after-GC(MB)  threads  fds  state(KB)  ledger%n", tm);
            for (Sample s : list) {
                System.out.printf(
                        "SoakClusterIT taskmanager-%d: %6d %18.1f %8d %4d %10d %7d%n",
                        tm,
                        s.atSeconds(),
                        s.heapAfterGcKb() / 1024.0,
                        s.threads(),
                        s.fds(),
                        s.stateBytes() / 1024,
                        s.objects());
            }
        });
    }

    private static void assertExactlyOnce(Warehouse tables, Producer producer) {
        Map<String, Long> outcomes = new TreeMap<>();
        for (Record r : tables.rows("objects")) outcomes.merge((String) r.getField("outcome"), 1L, Long::sum);
        assertThat(outcomes)
                .as("ledger: every object ingested once, every redelivery a duplicate")
                .isEqualTo(Map.of("ingested", producer.objects.get(), "duplicate", producer.redeliveries.get()));
        Set<String> ids = new HashSet<>();
        for (Record r : tables.rows("events")) ids.add((String) r.getField("event_id"));
        assertThat((long) ids.size()).as("distinct event ids in events").isEqualTo(producer.records.get());
        assertThat(tables.count("events")).as("events").isEqualTo(producer.records.get());
    }

    /** Puts one trail file into S3 and its notification on Kinesis per call; every tenth call redelivers one. */
    private static final class Producer {
        final String stream;
        final TrailData data = new TrailData(SEED);
        final Random random = data.random();
        final AtomicLong objects = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final AtomicLong redeliveries = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<String> recent = new ArrayList<>();
        long calls;

        Producer(String stream) {
            this.stream = stream;
        }

        long ledgerRows() {
            return objects.get() + redeliveries.get();
        }

        synchronized void next() {
            if (failure.get() != null) return;
            try {
                calls++;
                String payload;
                if (calls % 10 == 0 && !recent.isEmpty()) {
                    // A redelivery of an object notified a few calls ago: well inside the dedupe TTL.
                    payload = recent.get(random.nextInt(recent.size()));
                    redeliveries.incrementAndGet();
                } else {
                    String account = "111122223333";
                    String key = data.logKey(null, null, account, "us-east-1", (int) (calls % (24 * 60)));
                    List<String> rs = new ArrayList<>();
                    int n = 20 + random.nextInt(21);
                    for (int i = 0; i < n; i++) rs.add(data.record(account, "us-east-1"));
                    byte[] gz = TrailData.gzip(TrailData.logFile(rs));
                    String eTag = S3.put(BUCKET, key, gz);
                    payload = Notifications.s3Event(BUCKET, key, gz.length, eTag, String.format("%016X", calls));
                    objects.incrementAndGet();
                    records.addAndGet(n);
                    recent.add(payload);
                    if (recent.size() > 5) recent.remove(0);
                }
                KINESIS.put(stream, "n-" + calls, payload.getBytes(StandardCharsets.UTF_8));
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }
}
