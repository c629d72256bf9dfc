package io.trailstream.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the emulators' dummy credentials where the AWS SDK's default chain looks (the {@code aws.accessKeyId}
 * / {@code aws.secretAccessKey} system properties) for one test class, as real credentials would be found on
 * a machine, and restores what was there afterwards. For code that, like the ops command line, only takes
 * credentials from the default chain. {@code @RegisterExtension static final EmulatorCredentials CREDENTIALS
 * = new EmulatorCredentials();}
 */
public final class EmulatorCredentials implements BeforeAllCallback, AfterAllCallback {
    private static final Map<String, String> VALUES = Map.of(
            "aws.accessKeyId", KinesisEmulator.ACCESS_KEY_ID,
            "aws.secretAccessKey", KinesisEmulator.SECRET_ACCESS_KEY);

    private final Map<String, String> saved = new LinkedHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        VALUES.forEach((key, value) -> {
            saved.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        saved.forEach((key, value) -> {
            if (value == null) System.clearProperty(key);
            else System.setProperty(key, value);
        });
        saved.clear();
    }
}
