package io.trailstream.integrity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.aws.JobCredentials;
import io.trailstream.testing.TrailSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail key source through the real AWS SDK client over HTTP, against a server on 127.0.0.1 that answers
 * {@code ListPublicKeys} in CloudTrail's JSON 1.1 protocol (no emulator implements it: moto, LocalStack's free
 * edition and kinesis-local do not): the digest's region signs the request, pages are followed, keys are found by
 * the MD5 of their DER, answers are cached, and an error is an {@link IOException} naming the call.
 */
class CloudTrailPublicKeysTest {
    private final TrailSigner first = new TrailSigner();
    private final TrailSigner second = new TrailSigner();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(
                    target + " " + auth.replaceAll(".*Credential=[^/]+/\\d+/([^/]+)/([^/]+)/.*", "$1 $2") + " " + body);
            String answer;
            if (status != 200) {
                answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}";
            } else if (!body.contains("NextToken")) {
                answer = "{\"PublicKeyList\":[" + key(first) + "],\"NextToken\":\"page-2\"}";
            } else {
                answer = "{\"PublicKeyList\":[" + key(second) + "]}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsEveryPageInTheDigestsRegionAndCaches() throws Exception {
        CloudTrailPublicKeys keys = new CloudTrailPublicKeys(settings());
        Instant from = Instant.parse("2026-11-26T09:00:00Z");
        Map<String, byte[]> found = keys.keys("eu-west-1", from, from.plusSeconds(3 * 3600));
        assertThat(found).containsOnlyKeys(first.fingerprint(), second.fingerprint());
        assertThat(found.get(first.fingerprint())).isEqualTo(first.publicKeyDer());
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .startsWith(
                        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListPublicKeys eu-west-1 cloudtrail ")
                .as("whole days around the digests' range")
                .contains(
                        "\"StartTime\":" + Instant.parse("2026-11-26T00:00:00Z").getEpochSecond())
                .contains("\"EndTime\":" + Instant.parse("2026-11-27T00:00:00Z").getEpochSecond());
        assertThat(requests.get(1)).contains("\"NextToken\":\"page-2\"");

        keys.keys("eu-west-1", from.plusSeconds(3600), from.plusSeconds(4 * 3600));
        assertThat(requests).as("the same region and days: cached").hasSize(2);
        keys.keys("us-east-2", from, from.plusSeconds(3600));
        assertThat(requests).hasSize(4).last().asString().contains(" us-east-2 cloudtrail ");
        keys.close();
    }

    @Test
    void aRefusedCallIsAnIoErrorAndNotCached() throws Exception {
        status = 400;
        CloudTrailPublicKeys keys = new CloudTrailPublicKeys(settings());
        Instant from = Instant.parse("2026-11-26T09:00:00Z");
        assertThatThrownBy(() -> keys.keys("eu-west-1", from, from.plusSeconds(3600)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("ListPublicKeys in eu-west-1 failed: ")
                .hasMessageContaining("not allowed");
        status = 200;
        assertThat(keys.keys("eu-west-1", from, from.plusSeconds(3600))).hasSize(2);
        keys.close();
    }

    private AwsClientSettings settings() {
        return AwsClientSettings.builder()
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials(JobCredentials.of(CredentialsProviderType.STATIC, "test-key", "test-secret"))
                .httpClient(AwsClientSettings.HttpClient.URL_CONNECTION)
                .sdkRetries(false)
                .build();
    }

    /** One {@code PublicKey} as CloudTrail answers it: the DER base64 (a JSON blob), validity in epoch seconds. */
    private static String key(TrailSigner signer) {
        return "{\"Value\":\"" + Base64.getEncoder().encodeToString(signer.publicKeyDer())
                + "\",\"ValidityStartTime\":1764000000,\"ValidityEndTime\":1766592000,\"Fingerprint\":\""
                + signer.fingerprint() + "\"}";
    }
}
