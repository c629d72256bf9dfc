package io.trailstream.onboarding;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The product's clients for test code, plus SQS (which only the tests call). */
class OnboardingClientsHolder extends OnboardingClientsView {
    private SqsClient sqs;

    OnboardingClientsHolder(AwsClientSettings settings) {
        super(settings);
    }

    synchronized SqsClient sqs() {
        if (sqs == null) sqs = AwsClients.build(SqsClient.builder(), settings(), List.of());
        return sqs;
    }

    @Override
    public synchronized void close() {
        if (sqs != null) sqs.close();
        sqs = null;
        super.close();
    }
}
