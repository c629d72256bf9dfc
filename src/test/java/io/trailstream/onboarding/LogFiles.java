package io.trailstream.onboarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** A small CloudTrail log file, gzip, as CloudTrail writes one: for reading through a role. */
final class LogFiles {
    private LogFiles() {}

    static byte[] oneRecord(String account) {
        String json = "{\"Records\":[{\"eventVersion\":\"1.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\""
                + account + "\",\"userName\":\"mira\"},\"eventTime\":\"2026-11-26T09:01:02Z\",\"eventSource\":"
                + "\"iam.amazonaws.com\",\"eventName\":\"ListRoles\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":"
                + "\"198.51.100.23\",\"userAgent\":\"aws-cli/2.15.30\",\"requestID\":\"r-1\",\"eventID\":"
                + "\"0a1b2c3d-0000-4000-8000-000000000001\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":true,\"recipientAccountId\":\"" + account
                + "\",\"eventCategory\":\"Management\"}]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
