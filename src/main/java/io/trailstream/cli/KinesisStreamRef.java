package io.trailstream.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;

/**
 * The control stream as given to {@code --kinesis-stream}: a stream ARN
 * ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}, as in the job config) or a bare stream name.
 * An ARN also tells the region, so {@code --region} may be left out; if both are given they must agree.
 */
public final class KinesisStreamRef {
    private static final Pattern ARN =
            Pattern.compile("arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final String text;
    private final String arnRegion;

    private KinesisStreamRef(String text, String arnRegion) {
        this.text = text;
        this.arnRegion = arnRegion;
    }

    /**
     * Reads the option's value.
     *
     * @throws IllegalArgumentException naming the option and value when it is neither an ARN nor a name
     */
    public static KinesisStreamRef parse(String value) {
        if (value == null || value.isBlank())
            throw new IllegalArgumentException("--kinesis-stream: the stream ARN is empty");
        if (value.startsWith("arn:")) {
            Matcher m = ARN.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException("--kinesis-stream: '" + value
                        + "' is not a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT_ID:stream/NAME)");
            }
            return new KinesisStreamRef(value, m.group(2));
        }
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("--kinesis-stream: '" + value
                    + "' is neither a stream ARN (arn:aws:kinesis:REGION:ACCOUNT_ID:stream/NAME) nor a stream name");
        }
        return new KinesisStreamRef(value, null);
    }

    /** Whether the stream was given by ARN. */
    public boolean isArn() {
        return arnRegion != null;
    }

    /** The region of the ARN, or null for a bare name. */
    public String arnRegion() {
        return arnRegion;
    }

    /**
     * The region to call: {@code --region} if given (it must match the ARN's), else the ARN's, else null
     * (the SDK's default chain decides).
     */
    public String region(String regionOption) {
        if (regionOption == null) return arnRegion;
        if (arnRegion != null && !arnRegion.equals(regionOption)) {
            throw new IllegalArgumentException("--region " + regionOption
                    + " does not match the region of the stream ARN (" + arnRegion + "); leave --region out");
        }
        return regionOption;
    }

    /** Addresses {@code request} to this stream, by ARN or by name. */
    public PutRecordRequest.Builder address(PutRecordRequest.Builder request) {
        return isArn() ? request.streamARN(text) : request.streamName(text);
    }

    /** Addresses {@code request} to this stream, by ARN or by name. */
    public PutRecordsRequest.Builder address(PutRecordsRequest.Builder request) {
        return isArn() ? request.streamARN(text) : request.streamName(text);
    }

    /** The stream as given. */
    @Override
    public String toString() {
        return text;
    }
}
