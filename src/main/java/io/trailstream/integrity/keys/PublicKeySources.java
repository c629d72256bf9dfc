package io.trailstream.integrity.keys;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.integrity.IntegrityOptions;
import java.net.URI;
import java.nio.file.Path;
import org.apache.flink.configuration.ReadableConfig;

/** The public key source the configuration names: a keys file, or CloudTrail's ListPublicKeys. */
public final class PublicKeySources {
    private PublicKeySources() {}

    /**
     * @param identity the job's own AWS client settings (its credentials); region and endpoint are replaced
     */
    public static PublicKeySource fromConfiguration(ReadableConfig conf, AwsClientSettings identity) {
        String file = conf.getOptional(IntegrityOptions.PUBLIC_KEYS).orElse(null);
        if (file != null && !file.isBlank()) return new FilePublicKeys(Path.of(file));
        URI endpoint = conf.getOptional(IntegrityOptions.CLOUDTRAIL_ENDPOINT)
                .map(URI::create)
                .orElse(null);
        return new CloudTrailPublicKeys(identity.toBuilder()
                .endpoint(endpoint)
                .pathStyleAccess(false)
                .httpClient(AwsClientSettings.HttpClient.URL_CONNECTION)
                .build());
    }
}
