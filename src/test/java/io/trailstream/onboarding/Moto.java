package io.trailstream.onboarding;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The onboarding tests' own view of the moto account: clients with the test keys (built through the same
 * factory as the product's) and the fixtures the scenarios start from (another party's bucket, an existing
 * trail, the SQS probe rule that shows what EventBridge delivers, since moto never delivers to Kinesis).
 */
final class Moto extends OnboardingClientsHolder {
    Moto(MotoServer moto) {
        super(moto.settings());
    }

    Moto(AwsClientSettings settings) {
        super(settings);
    }

    /** A queue and a rule with the logs rule's pattern targeting it, made before apply's own rules. */
    String probeQueue(String bucket) {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(r -> r.queueName("probe")).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        eventBridge()
                .putRule(r -> r.name("aaa-probe").eventPattern(PolicyJson.write(Policies.eventPattern(bucket, false))));
        eventBridge()
                .putTargets(r -> r.rule("aaa-probe")
                        .targets(Target.builder().id("probe").arn(arn).build()));
        return url;
    }

    /** The object keys of the first {@code n} events on the probe queue, waiting up to 30 s for them. */
    List<String> receiveKeys(String queueUrl, int n) {
        List<String> keys = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (keys.size() < n && System.nanoTime() < deadline) {
            for (Message m : sqs().receiveMessage(
                            r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages()) {
                keys.add(PolicyJson.parse(m.body()).at("/detail/object/key").asText());
            }
        }
        // A digest event, had it matched, would be there by now: moto delivers synchronously with PutObject.
        for (Message m : sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                .messages()) {
            keys.add(PolicyJson.parse(m.body()).at("/detail/object/key").asText());
        }
        return keys;
    }

    /** A bucket with another party's policy statement and an SQS notification entry; the queue's ARN. */
    String otherPartysBucket(String bucket) {
        s3().createBucket(r -> r.bucket(bucket));
        String url = sqs().createQueue(r -> r.queueName("other-party")).queueUrl();
        String arn = sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        s3().putBucketPolicy(r -> r.bucket(bucket)
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                        + "\"OtherPartyRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},"
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/reports/*\"}]}"));
        s3().putBucketNotificationConfiguration(r -> r.bucket(bucket)
                .notificationConfiguration(n -> n.queueConfigurations(
                        q -> q.id("other-party-reports").queueArn(arn).events(Event.S3_OBJECT_CREATED))));
        return arn;
    }

    /** A trail made by someone else, as good or as broken as asked. */
    void existingTrail(String name, String bucket, boolean multiRegion, boolean logging, boolean validation) {
        s3().createBucket(r -> r.bucket(bucket));
        cloudTrail()
                .createTrail(r -> r.name(name)
                        .s3BucketName(bucket)
                        .isMultiRegionTrail(multiRegion)
                        .enableLogFileValidation(validation));
        cloudTrail()
                .putEventSelectors(r -> r.trailName(name)
                        .eventSelectors(s -> s.readWriteType(ReadWriteType.ALL).includeManagementEvents(true)));
        if (logging) cloudTrail().startLogging(r -> r.name(name));
    }

    /** Whether {@code call} fails with {@code missing}: the resource is gone. */
    boolean gone(Runnable call, Class<? extends Exception> missing) {
        try {
            call.run();
            return false;
        } catch (Exception e) {
            if (missing.isInstance(e)) return true;
            throw e;
        }
    }
}
