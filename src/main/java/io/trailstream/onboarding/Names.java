package io.trailstream.onboarding;

/**
 * The names of everything onboarding makes for one integration, all derived from its id, the account and the
 * region, so that plan, apply, verify and teardown find the same resources again without a local state file.
 * What apply created carries the {@link #TAG_INTEGRATION} tag; what it merged into a resource it did not
 * create carries {@link #sidPrefix()} (bucket policy statements) or {@link #TARGET_ID} (rule targets).
 */
public record Names(String integrationId, String account, String region) {
    /** Tag on every resource apply creates: the integration it was created for. */
    public static final String TAG_INTEGRATION = "trailstream:integration";
    /** Tag with the tenant, for the customer's own cost and ownership reports. */
    public static final String TAG_TENANT = "trailstream:tenant";
    /** Tag on the logs rule when apply switched the bucket's EventBridge notifications on (teardown turns it off). */
    public static final String TAG_BUCKET_EVENTBRIDGE = "trailstream:enabled-bucket-eventbridge";
    /** The id of our target on each rule. */
    public static final String TARGET_ID = "trailstream-kinesis";

    public String trail() {
        return "trailstream-" + integrationId;
    }

    public String trailArn(String trailName) {
        return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + trailName;
    }

    /** A new bucket's name: globally unique enough, at most 63 characters. */
    public String bucket() {
        String name = "trailstream-" + account + "-" + integrationId;
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }

    public String logsRule() {
        return "trailstream-" + integrationId + "-logs";
    }

    public String digestsRule() {
        return "trailstream-" + integrationId + "-digests";
    }

    public String ruleArn(String rule) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + rule;
    }

    /** The role EventBridge assumes to put records on the job's stream. */
    public String eventsRole() {
        return "trailstream-" + integrationId + "-events";
    }

    /** The role the job assumes to read this integration's objects. */
    public String readRole() {
        return "trailstream-" + integrationId + "-read";
    }

    public String roleArn(String role) {
        return "arn:aws:iam::" + account + ":role/" + role;
    }

    /** The inline policy of each of our roles. */
    public String rolePolicy() {
        return "trailstream";
    }

    public String kmsAlias() {
        return "alias/trailstream-" + integrationId;
    }

    /** Our bucket policy statements' Sid prefix: {@code Trailstream} and the id's letters and digits. */
    public String sidPrefix() {
        StringBuilder sid = new StringBuilder("Trailstream");
        for (String part : integrationId.split("-")) {
            if (!part.isEmpty())
                sid.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sid.toString();
    }
}
