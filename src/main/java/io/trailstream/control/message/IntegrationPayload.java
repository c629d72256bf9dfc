package io.trailstream.control.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import java.util.List;

/**
 * Reads the fields of an integration from JSON (the {@code integration} object of an upsert, or one
 * entry of the job config) into an {@link IntegrationPatch}, checking every value.
 */
final class IntegrationPayload {
    private IntegrationPayload() {}

    /**
     * @param extraAllowed fields besides {@link IntegrationPatch#FIELDS} that the caller reads itself
     *     (the config's {@code integration_id}); they are neither rejected nor read here
     */
    static IntegrationPatch read(JsonNode node, String path, List<String> extraAllowed) throws ControlRejectException {
        if (node == null || !node.isObject()) {
            throw new ControlRejectException(
                    RejectReason.BAD_FIELD,
                    "'" + (path.isEmpty() ? "integration" : path.substring(0, path.length() - 1))
                            + "' must be an object");
        }
        JsonFields f = new JsonFields(node, path);
        java.util.List<String> allowed = new java.util.ArrayList<>(IntegrationPatch.FIELDS);
        allowed.addAll(extraAllowed);
        f.rejectUnknown(allowed, "an integration");
        IntegrationPatch p = new IntegrationPatch();
        if (f.has(IntegrationPatch.TENANT_ID)) p.tenantId(f.requiredIdentifier(IntegrationPatch.TENANT_ID));
        if (f.has(IntegrationPatch.DISPLAY_NAME)) {
            String name = f.requiredString(IntegrationPatch.DISPLAY_NAME);
            if (!ControlValidation.isText(name, ControlValidation.MAX_TEXT)) {
                throw f.bad(IntegrationPatch.DISPLAY_NAME, name, "text of at most 256 characters");
            }
            p.displayName(name);
        }
        if (f.has(IntegrationPatch.BUCKET)) {
            String bucket = f.optionalString(IntegrationPatch.BUCKET);
            if (!ControlValidation.isBucket(bucket)) {
                throw new ControlRejectException(
                        RejectReason.BAD_BUCKET,
                        "'" + path + "bucket' is '" + JsonFields.clip(bucket)
                                + "', not a bucket name (3-63 lower-case letters, digits, '.', '-') nor an absolute folder path");
            }
            p.bucket(bucket);
        }
        if (f.has(IntegrationPatch.PREFIX)) {
            String prefix = Integration.normalizePrefix(f.optionalString(IntegrationPatch.PREFIX));
            if (!ControlValidation.isPrefix(prefix))
                throw f.bad(IntegrationPatch.PREFIX, prefix, "a key prefix without empty segments");
            p.prefix(prefix);
        }
        if (f.has(IntegrationPatch.ORGANIZATION_ID)) {
            String org = f.optionalString(IntegrationPatch.ORGANIZATION_ID);
            if (org != null && !ControlValidation.isOrganizationId(org)) {
                throw new ControlRejectException(
                        RejectReason.BAD_ORGANIZATION_ID,
                        "'" + path + "organization_id' is '" + JsonFields.clip(org)
                                + "', not an Organization id (o- and 10 to 32 lower-case letters or digits)");
            }
            p.organizationId(org);
        }
        if (f.has(IntegrationPatch.INCLUDED_ACCOUNTS)) {
            p.includedAccounts(f.accounts(IntegrationPatch.INCLUDED_ACCOUNTS, true));
        }
        if (f.has(IntegrationPatch.STATUS)) p.status(status(f, IntegrationPatch.STATUS, path));
        if (f.has(IntegrationPatch.ROLE_ARN)) {
            String role = f.optionalString(IntegrationPatch.ROLE_ARN);
            if (role != null && !ControlValidation.isRoleArn(role))
                throw f.bad(IntegrationPatch.ROLE_ARN, role, "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
            p.roleArn(role);
        }
        if (f.has(IntegrationPatch.EXTERNAL_ID)) {
            String id = f.optionalString(IntegrationPatch.EXTERNAL_ID);
            if (id != null && !ControlValidation.isExternalId(id))
                throw f.bad(IntegrationPatch.EXTERNAL_ID, id, "2-1224 letters, digits or +=,.@:/-");
            p.externalId(id);
        }
        return p;
    }

    /** A status a message may set: active, suspended or disconnected. */
    static IntegrationStatus status(JsonFields f, String field, String path) throws ControlRejectException {
        String s = f.requiredString(field);
        IntegrationStatus status;
        try {
            status = IntegrationStatus.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new ControlRejectException(
                    RejectReason.BAD_STATUS,
                    "'" + path + field + "' is '" + JsonFields.clip(s)
                            + "'; expected active, suspended or disconnected");
        }
        if (status == IntegrationStatus.DELETED) {
            throw new ControlRejectException(
                    RejectReason.BAD_STATUS,
                    "'" + path + field + "' cannot be deleted; send kind delete_integration to delete");
        }
        return status;
    }
}
