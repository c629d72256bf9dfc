package io.trailstream.onboarding;

import java.util.List;

/**
 * The job's stream as the rules' target: it must be in the rules' region; in another account (the lake's) it
 * also needs a resource policy letting the events role put records, which the lake's account sets (the plan
 * prints the command). Nothing is made here, so nothing is undone.
 */
final class StreamAccessStep implements Step {
    @Override
    public String name() {
        return "stream-access";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        OnboardingRequest r = c.request();
        String stream = r.notificationsStreamArn();
        if (!r.streamRegion().equals(c.region())) {
            return new PlannedStep(
                    name(),
                    StepAction.CONFLICT,
                    stream,
                    "the stream is in " + r.streamRegion()
                            + "; an EventBridge rule's Kinesis target must be in the rule's region " + c.region());
        }
        if (r.streamAccount().equals(c.facts().account())) {
            return new PlannedStep(name(), StepAction.NONE, stream, "same account: the events role may put records");
        }
        String role = c.names().roleArn(c.names().eventsRole());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\""
                + c.names().sidPrefix()
                + "Events\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + role
                + "\"},\"Action\":[\"kinesis:PutRecord\",\"kinesis:PutRecords\",\"kinesis:DescribeStreamSummary\"],"
                + "\"Resource\":\"" + stream + "\"}]}";
        return new PlannedStep(
                name(),
                StepAction.NONE,
                stream,
                "the stream is in the lake's account "
                        + r.streamAccount() + ": it must allow " + role + " (run there: aws kinesis put-resource-policy"
                        + " --resource-arn " + stream + " --policy " + StepContext.quoted(policy) + ")");
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {}

    @Override
    public List<UndoCommand> undo(StepContext c) {
        return List.of();
    }
}
