package io.trailstream.onboarding;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the person connecting an AWS environment asks for: the integration and tenant, a single account or an
 * Organization trail (with an optional include-list), which existing trail or bucket to reuse, encryption,
 * the job's notification stream and the lake account that assumes the read role. The same request plans,
 * applies, verifies and tears down; every resource name follows from it ({@link Names}).
 *
 * @param trailName an existing trail to reuse, or null to create {@code trailstream-ID}
 * @param bucketName the bucket to reuse (or create under that name), or null: the reused trail's, else a new one
 * @param prefix the key prefix of a new trail; a reused trail keeps its own
 * @param kmsKeyArn an existing KMS key for SSE-KMS, or null
 * @param createKmsKey make a KMS key for the trail (instead of SSE-S3)
 * @param retentionDays days after which the bucket's lifecycle expires log files (new buckets), or null: kept
 * @param lakePrincipalArn the one principal of the lake account the read role trusts (the job's role), or null
 *     for the lake account as a whole
 */
public record OnboardingRequest(
        String integrationId,
        String tenantId,
        boolean organization,
        List<String> accounts,
        String trailName,
        String bucketName,
        String prefix,
        String kmsKeyArn,
        boolean createKmsKey,
        String notificationsStreamArn,
        String lakeAccountId,
        String externalId,
        Integer retentionDays,
        String lakePrincipalArn) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+");
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/.+");

    /** @throws IllegalArgumentException naming the option at fault */
    public OnboardingRequest {
        check(
                integrationId != null && ID.matcher(integrationId).matches(),
                "--integration",
                integrationId,
                "1-40 lower-case letters, digits and '-' (it names the AWS resources)");
        check(tenantId == null || !tenantId.isBlank(), "--tenant", tenantId, "a tenant id");
        accounts = accounts == null || accounts.isEmpty() ? null : List.copyOf(accounts);
        if (accounts != null) {
            check(organization, "--accounts", String.join(",", accounts), "an include-list of an --organization");
            for (String a : accounts) check(ACCOUNT.matcher(a).matches(), "--accounts", a, "12-digit account ids");
        }
        check(kmsKeyArn == null || !createKmsKey, "--kms-key", kmsKeyArn, "either --kms-key ARN or --kms create");
        check(
                notificationsStreamArn == null
                        || STREAM_ARN.matcher(notificationsStreamArn).matches(),
                "--notifications-stream",
                notificationsStreamArn,
                "the ARN of the job's Kinesis stream");
        check(
                lakeAccountId == null || ACCOUNT.matcher(lakeAccountId).matches(),
                "--lake-account",
                lakeAccountId,
                "the 12-digit id of the lake's account");
        check(
                externalId == null || EXTERNAL_ID.matcher(externalId).matches(),
                "--external-id",
                externalId,
                "2-1224 characters of letters, digits and +=,.@:/-");
        check(
                lakePrincipalArn == null
                        || PRINCIPAL_ARN.matcher(lakePrincipalArn).matches(),
                "--lake-principal",
                lakePrincipalArn,
                "an IAM role or user ARN of the lake account");
        if (lakePrincipalArn != null && lakeAccountId != null) {
            check(
                    lakePrincipalArn.split(":")[4].equals(lakeAccountId),
                    "--lake-principal",
                    lakePrincipalArn,
                    "in --lake-account " + lakeAccountId);
        }
        check(
                retentionDays == null || retentionDays > 0,
                "--retention-days",
                String.valueOf(retentionDays),
                "a positive number of days");
        prefix = prefix == null ? null : prefix.replaceAll("^/+|/+$", "");
        if (prefix != null && prefix.isEmpty()) prefix = null;
    }

    /**
     * Checks that what plan, apply and verify need is there (teardown needs only the integration and the names
     * of reused resources).
     *
     * @throws IllegalArgumentException naming the missing option
     */
    public OnboardingRequest requireComplete() {
        check(tenantId != null, "--tenant", null, "given: the tenant the integration belongs to");
        check(notificationsStreamArn != null, "--notifications-stream", null, "given: the job's stream ARN");
        check(lakeAccountId != null, "--lake-account", null, "given: the account that assumes the read role");
        check(externalId != null, "--external-id", null, "given: the external id of the read role's trust");
        return this;
    }

    private static void check(boolean ok, String option, String value, String expected) {
        if (!ok) throw new IllegalArgumentException(option + ": '" + value + "' is not " + expected);
    }

    /** The principal the read role trusts: {@code --lake-principal}, else the lake account's root. */
    public String lakePrincipal() {
        return lakePrincipalArn != null ? lakePrincipalArn : "arn:aws:iam::" + lakeAccountId + ":root";
    }

    /** The stream's region (an EventBridge target must be in the rule's). */
    public String streamRegion() {
        return notificationsStreamArn.split(":")[3];
    }

    /** The stream's account. */
    public String streamAccount() {
        return notificationsStreamArn.split(":")[4];
    }
}
