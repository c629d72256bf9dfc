package io.trailstream.notification;

import io.trailstream.classloading.UserCodeRelease;
import io.trailstream.input.DeadLetter;
import io.trailstream.input.RawMessage;
import io.trailstream.metrics.TrailstreamMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw notifications into object references. Ignorable messages (S3 test events, SNS subscription
 * confirmations) are counted; anything unusable leaves as a {@link DeadLetter} through {@link #DEAD_LETTERS}.
 * It never throws for bad input, so a bad notification never restarts the job.
 */
public class NotificationParseFunction extends ProcessFunction<RawMessage, ObjectRef> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationParseFunction.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("notification-dead-letters", TypeInformation.of(DeadLetter.class)) {};

    private transient NotificationParser parser;
    private transient Counter objects;
    private transient Counter ignored;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        parser = new NotificationParser();
        TrailstreamMetrics metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
        UserCodeRelease.registerOn(getRuntimeContext());
        objects = metrics.notifiedObjects();
        ignored = metrics.ignoredNotifications();
        deadLetters = metrics.deadLetterNotifications();
    }

    @Override
    public void processElement(RawMessage n, Context ctx, Collector<ObjectRef> out) {
        NotificationResult result = parser.parse(n.payload, n.receivedAtMillis);
        switch (result.status()) {
            case OBJECTS:
                for (ObjectRef ref : result.objects()) {
                    objects.inc();
                    out.collect(ref);
                }
                if (result.ignoredRecords() > 0) {
                    ignored.inc(result.ignoredRecords());
                    LOG.info(
                            "Notification {} ({}): ignored {} record(s): {}",
                            n.origin,
                            result.shape(),
                            result.ignoredRecords(),
                            result.reason());
                }
                break;
            case IGNORED:
                ignored.inc();
                LOG.info("Notification {} ({}) ignored: {}", n.origin, result.shape(), result.reason());
                break;
            default:
                deadLetters.inc();
                LOG.warn("Notification {} is a dead letter ({}): {}", n.origin, result.shape(), result.reason());
                ctx.output(
                        DEAD_LETTERS,
                        DeadLetter.of(
                                "notification",
                                n.origin,
                                result.shape(),
                                result.reason(),
                                n.payload,
                                n.receivedAtMillis));
        }
    }
}
