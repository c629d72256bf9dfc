package io.trailstream.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.kinesis.serialization.KinesisPayload;
import io.trailstream.testing.CompletedCheckpoints;
import io.trailstream.testing.KinesisEmulator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event time with this source behaves as with any FLIP-27 source: watermarks are tracked per shard,
 * so a silent shard holds event time back unless the strategy marks idleness, and then it does
 * not, neither as a shard of a busy reader nor as a reader without shards.
 */
class KinesisSourceWatermarkITCase {

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(3)
            .build());

    private static final long LAST_EVENT_TIME = 10_000;
    /** The highest hash key: always in the stream's last shard. */
    private static final BigInteger LAST_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    private static final AtomicInteger STREAMS = new AtomicInteger();
    static final AtomicLong MAX_FIRED_TIMER = new AtomicLong();
    static final AtomicInteger RECORDS = new AtomicInteger();

    private final List<JobClient> jobs = new ArrayList<>();

    @BeforeEach
    void reset() {
        MAX_FIRED_TIMER.set(-1);
        RECORDS.set(0);
    }

    @AfterEach
    void cancel() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentShardHoldsEventTimeBackWithoutIdleness(@InjectMiniCluster MiniCluster cluster) throws Exception {
        String stream = streamWithDataInShardZeroOnly(2);
        JobClient job = start(
                stream,
                1,
                WatermarkStrategy.<KinesisPayload>forMonotonousTimestamps()
                        .withTimestampAssigner((p, ts) -> eventTime(p)));

        awaitRecords(10);
        // Checkpoints pass through the source's task like its periodic watermark emission (every 50 ms): after
        // three more (100 ms apart) the source had its chances to advance event time, had shard 1 not held it.
        new CompletedCheckpoints(cluster).settle(job);

        assertThat(MAX_FIRED_TIMER.get())
                .as("no event-time timer fires while shard 1 is silent")
                .isEqualTo(-1);

        // The same job lets event time advance as soon as shard 1 has a record: it was shard 1 holding it back.
        KINESIS.put(
                stream, "k", LAST_HASH_KEY, Long.toString(2 * LAST_EVENT_TIME).getBytes(StandardCharsets.UTF_8));
        awaitRecords(11);
        awaitTimer(LAST_EVENT_TIME - 1);
        assertThat(MAX_FIRED_TIMER.get())
                .as("event time is the slower shard's: shard 0's last record")
                .isEqualTo(LAST_EVENT_TIME - 1);
    }

    @Test
    void anIdleShardDoesNotHoldEventTimeBack() throws Exception {
        String stream = streamWithDataInShardZeroOnly(2);
        start(stream, 1, idleAfter300ms());
        // Shard 0 keeps busy while shard 1 stays silent: were both idle at the same periodic emission, Flink's
        // combined watermark would go idle without advancing (with or without this source), and that is not
        // what this test is about.
        ScheduledExecutorService busy = Executors.newSingleThreadScheduledExecutor();
        AtomicLong next = new AtomicLong(LAST_EVENT_TIME);
        busy.scheduleWithFixedDelay(
                () -> KINESIS.put(
                        stream,
                        "k",
                        BigInteger.ZERO,
                        Long.toString(next.addAndGet(1000)).getBytes(StandardCharsets.UTF_8)),
                0,
                100,
                TimeUnit.MILLISECONDS);
        try {
            awaitRecords(10);
            awaitTimer(LAST_EVENT_TIME - 1);
        } finally {
            busy.shutdown();
            assertThat(busy.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aReaderWithoutShardsDoesNotHoldEventTimeBack() throws Exception {
        String stream = streamWithDataInShardZeroOnly(1);
        start(stream, 2, idleAfter300ms());

        awaitRecords(10);
        awaitTimer(LAST_EVENT_TIME - 1);
    }

    private static WatermarkStrategy<KinesisPayload> idleAfter300ms() {
        return WatermarkStrategy.<KinesisPayload>forMonotonousTimestamps()
                .withTimestampAssigner((p, ts) -> eventTime(p))
                .withIdleness(Duration.ofMillis(300));
    }

    /** Ten records with event times 1000..10000, all routed to shard 0 (hash key 0). */
    private static String streamWithDataInShardZeroOnly(int shards) {
        String name = "wm-" + STREAMS.incrementAndGet();
        KINESIS.createStream(name, shards);
        for (long t = 1000; t <= LAST_EVENT_TIME; t += 1000) {
            KINESIS.put(name, "k", BigInteger.ZERO, Long.toString(t).getBytes(StandardCharsets.UTF_8));
        }
        return name;
    }

    private static long eventTime(KinesisPayload payload) {
        return Long.parseLong(new String(payload.getData(), StandardCharsets.UTF_8));
    }

    private JobClient start(String stream, int parallelism, WatermarkStrategy<KinesisPayload> watermarks)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(50);
        env.enableCheckpointing(100);
        KinesisSource<KinesisPayload> source =
                KinesisSource.payloadsFromConfiguration(Configuration.fromMap(KINESIS.sourceOptions(stream)));
        env.fromSource(source, watermarks, "kinesis", source.getProducedType())
                .keyBy(p -> "all")
                .process(new TimerPerRecord())
                .setParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .setParallelism(1);
        JobClient job = env.executeAsync("kinesis-watermarks-it");
        jobs.add(job);
        return job;
    }

    private static void awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (RECORDS.get() < count) {
            assertThat(System.nanoTime()).as("%s records within 30 s", count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitTimer(long timestamp) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (MAX_FIRED_TIMER.get() < timestamp) {
            assertThat(System.nanoTime())
                    .as("timer %s fires within 30 s (fired so far: %s)", timestamp, MAX_FIRED_TIMER.get())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Sets an event-time timer just below each record's timestamp; records the latest that fired. */
    private static final class TimerPerRecord extends KeyedProcessFunction<String, KinesisPayload, Long> {
        @Override
        public void processElement(KinesisPayload value, Context ctx, Collector<Long> out) {
            // Monotonous timestamps put the watermark at the latest timestamp - 1.
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() - 1);
            RECORDS.incrementAndGet();
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) {
            MAX_FIRED_TIMER.accumulateAndGet(timestamp, Math::max);
            out.collect(timestamp);
        }
    }
}
