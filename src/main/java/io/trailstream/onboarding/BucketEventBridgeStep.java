package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/**
 * The bucket's EventBridge notifications (S3 cannot notify Kinesis directly): read the notification
 * configuration, add the EventBridge flag, write it back, so every other entry (queues, topics, functions of
 * other parties) stays. That apply turned it on is recorded as a tag on the logs rule; teardown turns it off
 * only then, again keeping the other entries.
 */
final class BucketEventBridgeStep implements Step {
    @Override
    public String name() {
        return "bucket-eventbridge";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Bucket b = c.facts().bucket();
        String resource = "arn:aws:s3:::" + b.name();
        if (b.eventBridge()) return new PlannedStep(name(), StepAction.NONE, resource, "sends events to EventBridge");
        if (!b.exists()) return new PlannedStep(name(), StepAction.CREATE, resource, "send events to EventBridge");
        return new PlannedStep(
                name(),
                StepAction.UPDATE,
                resource,
                "turn on EventBridge notifications (merged;" + " its " + others(b.notifications())
                        + " other notification entries stay)");
    }

    private static int others(NotificationConfiguration n) {
        return n == null
                ? 0
                : n.queueConfigurations().size()
                        + n.topicConfigurations().size()
                        + n.lambdaFunctionConfigurations().size();
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        NotificationConfiguration current = c.facts().bucket().notifications();
        NotificationConfiguration merged = (current == null ? NotificationConfiguration.builder() : current.toBuilder())
                .eventBridgeConfiguration(e -> {})
                .build();
        c.aws()
                .s3()
                .putBucketNotificationConfiguration(r -> r.bucket(c.bucket()).notificationConfiguration(merged));
        String rule = c.names().ruleArn(c.names().logsRule());
        c.aws()
                .eventBridge()
                .tagResource(r -> r.resourceARN(rule)
                        .tags(Tag.builder()
                                .key(Names.TAG_BUCKET_EVENTBRIDGE)
                                .value(c.bucket())
                                .build()));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Bucket b = c.facts().bucket();
        Facts.Rule rule = c.facts().logsRule();
        if (!b.exists()
                || !rule.ours(c.request().integrationId())
                || !b.name().equals(rule.tags().get(Names.TAG_BUCKET_EVENTBRIDGE))) {
            return List.of();
        }
        if (b.ours(c.request().integrationId()) && c.deleteBucket()) return List.of();
        NotificationConfiguration rest = (b.notifications() == null
                        ? NotificationConfiguration.builder()
                        : b.notifications().toBuilder())
                .eventBridgeConfiguration((software.amazon.awssdk.services.s3.model.EventBridgeConfiguration) null)
                .build();
        return List.of(new UndoCommand(
                c.cli("s3api put-bucket-notification-configuration --bucket " + b.name()
                        + " --notification-configuration " + StepContext.quoted(cliJson(rest))),
                () -> c.aws()
                        .s3()
                        .putBucketNotificationConfiguration(
                                r -> r.bucket(b.name()).notificationConfiguration(rest))));
    }

    /** The configuration in the AWS CLI's JSON shape (ids, ARNs and events of the entries that stay). */
    static String cliJson(NotificationConfiguration n) {
        ObjectNode doc = PolicyJson.object();
        ArrayNode queues = doc.putArray("QueueConfigurations");
        n.queueConfigurations().forEach(q -> entry(queues, q.id(), "QueueArn", q.queueArn(), q.eventsAsStrings()));
        ArrayNode topics = doc.putArray("TopicConfigurations");
        n.topicConfigurations().forEach(t -> entry(topics, t.id(), "TopicArn", t.topicArn(), t.eventsAsStrings()));
        ArrayNode lambdas = doc.putArray("LambdaFunctionConfigurations");
        n.lambdaFunctionConfigurations()
                .forEach(l -> entry(lambdas, l.id(), "LambdaFunctionArn", l.lambdaFunctionArn(), l.eventsAsStrings()));
        return PolicyJson.write(doc);
    }

    private static void entry(ArrayNode list, String id, String arnField, String arn, List<String> events) {
        ObjectNode e = list.addObject();
        if (id != null) e.put("Id", id);
        e.put(arnField, arn);
        ArrayNode ev = e.putArray("Events");
        events.forEach(ev::add);
    }
}
