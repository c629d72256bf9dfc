package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Every document onboarding writes: the bucket policy statements CloudTrail needs, the rules' event patterns,
 * the EventBridge role's trust and permissions, the read role's trust and permissions, and the KMS key policy.
 * The files under {@code conf/iam/} are these documents with placeholders (a test keeps them equal).
 */
public final class Policies {
    public static final String VERSION = "2012-10-17";

    private Policies() {}

    /** {@code [prefix/]} for keys under a trail's prefix. */
    public static String keyBase(String prefix) {
        return prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    /**
     * Our statements of the bucket policy, each with a Sid starting {@link Names#sidPrefix()}: GetBucketAcl, and
     * PutObject to {@code AWSLogs/ACCOUNT/*} (and {@code AWSLogs/o-ORGID/*} for an Organization trail), each
     * conditioned on {@code aws:SourceArn} = the trail ARN, the writes on {@code bucket-owner-full-control}.
     */
    public static List<JsonNode> bucketStatements(
            Names names, String bucket, String prefix, String trailArn, String organizationId) {
        String sid = names.sidPrefix();
        String objects = "arn:aws:s3:::" + bucket + "/" + keyBase(prefix) + "AWSLogs/";
        ObjectNode acl = cloudTrailStatement(sid + "AclCheck", "s3:GetBucketAcl", "arn:aws:s3:::" + bucket, trailArn);
        ObjectNode write =
                cloudTrailStatement(sid + "Write", "s3:PutObject", objects + names.account() + "/*", trailArn);
        write.with("Condition").with("StringEquals").put("s3:x-amz-acl", "bucket-owner-full-control");
        if (organizationId == null) return List.of(acl, write);
        ObjectNode org =
                cloudTrailStatement(sid + "OrgWrite", "s3:PutObject", objects + organizationId + "/*", trailArn);
        org.with("Condition").with("StringEquals").put("s3:x-amz-acl", "bucket-owner-full-control");
        return List.of(acl, write, org);
    }

    private static ObjectNode cloudTrailStatement(String sid, String action, String resource, String trailArn) {
        ObjectNode s = statement(sid, action, resource);
        s.putObject("Principal").put("Service", "cloudtrail.amazonaws.com");
        s.putObject("Condition").putObject("StringEquals").put("aws:SourceArn", trailArn);
        return s;
    }

    /**
     * The pattern of an Object Created rule for the bucket: CloudTrail log files, or (digests) digest files
     * only. {@code *AWSLogs/*}{@code /CloudTrail/*} never matches {@code CloudTrail-Digest/} keys.
     */
    public static ObjectNode eventPattern(String bucket, boolean digests) {
        ObjectNode p = PolicyJson.object();
        p.putArray("source").add("aws.s3");
        p.putArray("detail-type").add("Object Created");
        ObjectNode detail = p.putObject("detail");
        detail.putObject("bucket").putArray("name").add(bucket);
        detail.putObject("object")
                .putArray("key")
                .addObject()
                .put(
                        "wildcard",
                        digests ? "*AWSLogs/*/CloudTrail-Digest/*.json.gz" : "*AWSLogs/*/CloudTrail/*.json.gz");
        return p;
    }

    /** Trust of the role EventBridge assumes: {@code events.amazonaws.com}, for rules of this account only. */
    public static ObjectNode eventsTrust(String account) {
        ObjectNode s = statement(null, "sts:AssumeRole", null);
        s.putObject("Principal").put("Service", "events.amazonaws.com");
        s.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", account);
        return document(s);
    }

    /** What EventBridge may do with the role: put records on the job's stream, nothing else. */
    public static ObjectNode eventsPolicy(String streamArn) {
        ObjectNode s = statement("PutNotifications", null, streamArn);
        s.putArray("Action").add("kinesis:PutRecord").add("kinesis:PutRecords");
        return document(s);
    }

    /**
     * Trust of the read role: the lake's principal (its account root, or just the job's role), with the external id
     * (the confused-deputy guard).
     */
    public static ObjectNode readTrust(String lakePrincipal, String externalId) {
        ObjectNode s = statement(null, "sts:AssumeRole", null);
        s.putObject("Principal").put("AWS", lakePrincipal);
        s.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
        return document(s);
    }

    /** What the job may do as the read role: read the trail's log objects, list and locate the bucket, decrypt. */
    public static ObjectNode readPolicy(String bucket, String prefix, String kmsKeyArn) {
        String base = keyBase(prefix) + "AWSLogs/";
        ObjectNode get = statement("ReadTrailObjects", "s3:GetObject", "arn:aws:s3:::" + bucket + "/" + base + "*");
        ObjectNode list = statement("ListTrailPrefix", "s3:ListBucket", "arn:aws:s3:::" + bucket);
        list.putObject("Condition").putObject("StringLike").put("s3:prefix", base + "*");
        ObjectNode locate = statement("LocateBucket", "s3:GetBucketLocation", "arn:aws:s3:::" + bucket);
        ObjectNode doc = document(get, list, locate);
        if (kmsKeyArn != null)
            ((ArrayNode) doc.get("Statement")).add(statement("DecryptLogs", "kms:Decrypt", kmsKeyArn));
        return doc;
    }

    /**
     * The policy of a key made for the trail: the account administers it through IAM, CloudTrail encrypts for
     * trails of this account ({@code kms:GenerateDataKey*} with the encryption context of the trail ARN) and may
     * describe it; readers decrypt through their IAM policies (the read role's {@code kms:Decrypt}).
     */
    public static ObjectNode kmsKeyPolicy(String account, String trailArn) {
        ObjectNode admin = statement("EnableIamPolicies", "kms:*", "*");
        admin.putObject("Principal").put("AWS", "arn:aws:iam::" + account + ":root");
        ObjectNode encrypt = statement("TrailstreamCloudTrailEncrypt", "kms:GenerateDataKey*", "*");
        encrypt.putObject("Principal").put("Service", "cloudtrail.amazonaws.com");
        ObjectNode cond = encrypt.putObject("Condition");
        cond.putObject("StringLike")
                .put("kms:EncryptionContext:aws:cloudtrail:arn", "arn:aws:cloudtrail:*:" + account + ":trail/*");
        cond.putObject("StringEquals").put("aws:SourceArn", trailArn);
        ObjectNode describe = statement("TrailstreamCloudTrailDescribe", "kms:DescribeKey", "*");
        describe.putObject("Principal").put("Service", "cloudtrail.amazonaws.com");
        return document(admin, encrypt, describe);
    }

    static ObjectNode document(ObjectNode... statements) {
        ObjectNode doc = PolicyJson.object();
        doc.put("Version", VERSION);
        ArrayNode list = doc.putArray("Statement");
        for (ObjectNode s : statements) list.add(s);
        return doc;
    }

    private static ObjectNode statement(String sid, String action, String resource) {
        ObjectNode s = PolicyJson.object();
        if (sid != null) s.put("Sid", sid);
        s.put("Effect", "Allow");
        if (action != null) s.put("Action", action);
        if (resource != null) s.put("Resource", resource);
        return s;
    }
}
