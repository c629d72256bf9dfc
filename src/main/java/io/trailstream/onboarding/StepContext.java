package io.trailstream.onboarding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every step plans, applies and undoes with: the request, the discovered facts, the names, the clients,
 * and what earlier steps of the same apply produced (the ARN of a key just created). It also says what the
 * request resolves to: the trail and bucket in use, their prefix, the Organization, the key.
 */
public final class StepContext {
    private final OnboardingRequest request;
    private final Facts facts;
    private final Names names;
    private final OnboardingClients aws;
    private final boolean deleteBucket;
    private String createdKeyArn;

    public StepContext(OnboardingRequest request, Facts facts, OnboardingClients aws, boolean deleteBucket) {
        this.request = request;
        this.facts = facts;
        this.names = new Names(request.integrationId(), facts.account(), aws.region());
        this.aws = aws;
        this.deleteBucket = deleteBucket;
    }

    public OnboardingRequest request() {
        return request;
    }

    public Facts facts() {
        return facts;
    }

    public Names names() {
        return names;
    }

    public OnboardingClients aws() {
        return aws;
    }

    public String region() {
        return aws.region();
    }

    /** Teardown only: whether the bucket (and its logs) go too. */
    public boolean deleteBucket() {
        return deleteBucket;
    }

    /** Whether the request reuses an existing trail ({@code --trail}) rather than making one. */
    public boolean reusesTrail() {
        return request.trailName() != null;
    }

    public String trailName() {
        return facts.trail().name();
    }

    public String trailArn() {
        return facts.trail().exists() ? facts.trail().arn() : names.trailArn(trailName());
    }

    public String bucket() {
        return facts.bucket().name();
    }

    /** The prefix logs are written under: the reused trail's, else the request's. */
    public String prefix() {
        return reusesTrail() ? facts.trail().prefix() : request.prefix();
    }

    /** The Organization id for an Organization trail, else null. */
    public String organizationId() {
        return request.organization() && facts.organization() != null
                ? facts.organization().id()
                : null;
    }

    /** The KMS key logs are encrypted with: made by this apply, found, or named; null for SSE-S3. */
    public String keyArn() {
        if (createdKeyArn != null) return createdKeyArn;
        if (facts.key() != null && facts.key().exists()) return facts.key().arn();
        if (reusesTrail() && facts.trail().kmsKeyId() != null)
            return facts.trail().kmsKeyId();
        return request.kmsKeyArn();
    }

    /** Whether logs are (to be) encrypted with a KMS key. */
    public boolean usesKms() {
        return keyArn() != null || request.createKmsKey();
    }

    void keyCreated(String arn) {
        this.createdKeyArn = arn;
    }

    /** The tags every resource apply creates carries. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Names.TAG_INTEGRATION, request.integrationId());
        tags.put(Names.TAG_TENANT, request.tenantId());
        return tags;
    }

    /** {@code aws --region R SERVICE ...}: the CLI form of a teardown call. */
    public String cli(String command) {
        return "aws --region " + region() + " " + command;
    }

    /** A JSON document quoted for a POSIX shell. */
    public static String quoted(String json) {
        return "'" + json.replace("'", "'\\''") + "'";
    }
}
