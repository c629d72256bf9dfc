package io.trailstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

class AwsClientsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static AwsClientSettings emulator() {
        return AwsClientSettings.builder()
                .region("eu-west-1")
                .endpoint(URI.create("http://127.0.0.1:4567"))
                .credentials(JobCredentials.of(CredentialsProviderType.STATIC, "AKIDEXAMPLE", SECRET))
                .build();
    }

    @Test
    void everyClientGetsTheRegionEndpointAndCredentialsOfItsSettings() {
        try (KinesisClient kinesis = AwsClients.kinesis(emulator());
                S3Client s3 = AwsClients.s3(
                        emulator().toBuilder()
                                .httpClient(AwsClientSettings.HttpClient.APACHE)
                                .maxConnections(4)
                                .build(),
                        List.of())) {
            for (var config : List.of(kinesis.serviceClientConfiguration(), s3.serviceClientConfiguration())) {
                assertThat(config.region().id()).isEqualTo("eu-west-1");
                assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4567"));
                AwsCredentials credentials = (AwsCredentials)
                        config.credentialsProvider().resolveIdentity().join();
                assertThat(credentials.accessKeyId()).isEqualTo("AKIDEXAMPLE");
            }
        }
    }

    @Test
    void anS3ClientWithAnEndpointButNoRegionSignsForUsEast1() {
        AwsClientSettings settings = AwsClientSettings.builder()
                .endpoint(URI.create("http://127.0.0.1:9090"))
                .credentials(JobCredentials.of(CredentialsProviderType.ANONYMOUS, null, null))
                .build();
        try (S3Client s3 = AwsClients.s3(settings, List.of())) {
            assertThat(s3.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
        }
    }

    @Test
    void theJobsOwnCredentialsActAsNoOtherRole() {
        JobCredentials own = JobCredentials.of(CredentialsProviderType.ANONYMOUS, null, null);
        assertThat(own.credentials(null)).isInstanceOf(AnonymousCredentialsProvider.class);
        assertThatThrownBy(() -> own.credentials(new ReadRole("arn:aws:iam::111111111111:role/read", "x-1")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("arn:aws:iam::111111111111:role/read")
                .hasMessageNotContaining("x-1");
    }

    @Test
    void staticCredentialsNeedBothKeysAndAreNeverShown() {
        assertThatThrownBy(() -> JobCredentials.of(CredentialsProviderType.STATIC, "AKIDEXAMPLE", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emulator().toString())
                .contains("eu-west-1", "static")
                .doesNotContain("AKIDEXAMPLE")
                .doesNotContain("bPxRfiCY");
    }
}
