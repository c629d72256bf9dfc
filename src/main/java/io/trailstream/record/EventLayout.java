package io.trailstream.record;

import static io.trailstream.record.FieldKind.BOOLEAN;
import static io.trailstream.record.FieldKind.JSON;
import static io.trailstream.record.FieldKind.STRING;
import static io.trailstream.record.FieldKind.TIMESTAMP;

/**
 * The one declaration of the {@code events} row (also used by {@code insights}): every CloudTrail field that
 * has a typed column, the lineage columns and {@code raw}, each with a stable Iceberg field id. The parser
 * writes rows by these positions; {@code io.trailstream.iceberg.EventsTable} builds the Iceberg schema from
 * them. Field ids are part of the table's contract: never renumber or reuse one, only add new ids.
 *
 * <p>Id ranges: top-level columns 1-99, {@code user_identity} 100-199, {@code resources} 200-209,
 * {@code tls_details} 210-219.
 */
public final class EventLayout {

    private static final StructSpec SESSION_ATTRIBUTES = new StructSpec(
            FieldSpec.of(130, "creation_date", TIMESTAMP, "creationDate"),
            FieldSpec.of(131, "mfa_authenticated", BOOLEAN, "mfaAuthenticated"));

    private static final StructSpec SESSION_ISSUER = new StructSpec(
            FieldSpec.of(140, "type", STRING, "type"),
            FieldSpec.of(141, "principal_id", STRING, "principalId"),
            FieldSpec.of(142, "arn", STRING, "arn"),
            FieldSpec.of(143, "account_id", STRING, "accountId"),
            FieldSpec.of(144, "user_name", STRING, "userName"));

    private static final StructSpec WEB_ID_FEDERATION_DATA = new StructSpec(
            FieldSpec.of(150, "federated_provider", STRING, "federatedProvider"),
            FieldSpec.of(151, "attributes", JSON, "attributes"));

    private static final StructSpec SESSION_CONTEXT = new StructSpec(
            FieldSpec.struct(120, "attributes", "attributes", SESSION_ATTRIBUTES),
            FieldSpec.struct(121, "session_issuer", "sessionIssuer", SESSION_ISSUER),
            FieldSpec.struct(122, "web_id_federation_data", "webIdFederationData", WEB_ID_FEDERATION_DATA),
            FieldSpec.of(123, "source_identity", STRING, "sourceIdentity"),
            FieldSpec.of(124, "ec2_role_delivery", STRING, "ec2RoleDelivery"),
            FieldSpec.of(125, "assumed_root", STRING, "assumedRoot"));

    private static final StructSpec ON_BEHALF_OF = new StructSpec(
            FieldSpec.of(160, "user_id", STRING, "userId"),
            FieldSpec.of(161, "identity_store_arn", STRING, "identityStoreArn"));

    private static final StructSpec IN_SCOPE_OF = new StructSpec(
            FieldSpec.of(170, "source_arn", STRING, "sourceArn"),
            FieldSpec.of(171, "source_account", STRING, "sourceAccount"),
            FieldSpec.of(172, "issuer_type", STRING, "issuerType"),
            FieldSpec.of(173, "credentials_issued_to", STRING, "credentialsIssuedTo"));

    private static final StructSpec USER_IDENTITY = new StructSpec(
            FieldSpec.of(100, "type", STRING, "type"),
            FieldSpec.of(101, "principal_id", STRING, "principalId"),
            FieldSpec.of(102, "arn", STRING, "arn"),
            FieldSpec.of(103, "account_id", STRING, "accountId"),
            FieldSpec.of(104, "access_key_id", STRING, "accessKeyId"),
            FieldSpec.of(105, "user_name", STRING, "userName"),
            FieldSpec.of(106, "invoked_by", STRING, "invokedBy"),
            FieldSpec.of(107, "identity_provider", STRING, "identityProvider"),
            FieldSpec.of(108, "credential_id", STRING, "credentialId"),
            FieldSpec.struct(109, "session_context", "sessionContext", SESSION_CONTEXT),
            FieldSpec.struct(110, "on_behalf_of", "onBehalfOf", ON_BEHALF_OF),
            FieldSpec.struct(111, "in_scope_of", "inScopeOf", IN_SCOPE_OF));

    /** CloudTrail writes {@code ARN}; some producers and older docs write {@code arn}: both feed the column. */
    private static final StructSpec RESOURCE = new StructSpec(
            FieldSpec.of(201, "arn", STRING, "ARN", "arn"),
            FieldSpec.of(202, "account_id", STRING, "accountId"),
            FieldSpec.of(203, "type", STRING, "type"));

    private static final StructSpec TLS_DETAILS = new StructSpec(
            FieldSpec.of(210, "tls_version", STRING, "tlsVersion"),
            FieldSpec.of(211, "cipher_suite", STRING, "cipherSuite"),
            FieldSpec.of(212, "client_provided_host_header", STRING, "clientProvidedHostHeader"));

    /** The events row, in column order. */
    public static final StructSpec EVENTS = new StructSpec(
            FieldSpec.of(1, "event_version", STRING, "eventVersion"),
            FieldSpec.of(2, "event_time", TIMESTAMP, "eventTime"),
            FieldSpec.of(3, "event_source", STRING, "eventSource"),
            FieldSpec.of(4, "event_name", STRING, "eventName"),
            FieldSpec.of(5, "aws_region", STRING, "awsRegion"),
            FieldSpec.of(6, "source_ip_address", STRING, "sourceIPAddress"),
            FieldSpec.of(7, "user_agent", STRING, "userAgent"),
            FieldSpec.of(8, "error_code", STRING, "errorCode"),
            FieldSpec.of(9, "error_message", STRING, "errorMessage"),
            FieldSpec.of(10, "request_id", STRING, "requestID"),
            FieldSpec.of(11, "event_id", STRING, "eventID"),
            FieldSpec.of(12, "event_type", STRING, "eventType"),
            FieldSpec.of(13, "api_version", STRING, "apiVersion"),
            FieldSpec.of(14, "read_only", BOOLEAN, "readOnly"),
            FieldSpec.of(15, "management_event", BOOLEAN, "managementEvent"),
            FieldSpec.of(16, "recipient_account_id", STRING, "recipientAccountId"),
            FieldSpec.of(17, "shared_event_id", STRING, "sharedEventID"),
            FieldSpec.of(18, "vpc_endpoint_id", STRING, "vpcEndpointId"),
            FieldSpec.of(19, "vpc_endpoint_account_id", STRING, "vpcEndpointAccountId"),
            FieldSpec.of(20, "event_category", STRING, "eventCategory"),
            FieldSpec.of(21, "session_credential_from_console", BOOLEAN, "sessionCredentialFromConsole"),
            FieldSpec.struct(22, "user_identity", "userIdentity", USER_IDENTITY),
            FieldSpec.structList(23, 200, "resources", "resources", RESOURCE),
            FieldSpec.struct(24, "tls_details", "tlsDetails", TLS_DETAILS),
            FieldSpec.of(25, "request_parameters", JSON, "requestParameters"),
            FieldSpec.of(26, "response_elements", JSON, "responseElements"),
            FieldSpec.of(27, "additional_event_data", JSON, "additionalEventData"),
            FieldSpec.of(28, "service_event_details", JSON, "serviceEventDetails"),
            FieldSpec.of(29, "insight_details", JSON, "insightDetails"),
            FieldSpec.of(30, "edge_device_details", JSON, "edgeDeviceDetails"),
            FieldSpec.of(31, "addendum", JSON, "addendum"),
            FieldSpec.of(32, "event_context", JSON, "eventContext"),
            FieldSpec.derived(33, "integration_id", STRING, "The integration the object was ingested for"),
            FieldSpec.derived(34, "source_bucket", STRING, "Bucket (or local folder) the log file was read from"),
            FieldSpec.derived(35, "source_key", STRING, "Key of the log file the record came from"),
            FieldSpec.derived(36, "ingested_at", TIMESTAMP, "When trailstream read the log file"),
            FieldSpec.derived(37, "raw", STRING, "The whole CloudTrail record as compact JSON, exactly as delivered"));

    public static final int EVENT_TIME = EVENTS.positionOf("event_time");
    public static final int INTEGRATION_ID = EVENTS.positionOf("integration_id");
    public static final int SOURCE_BUCKET = EVENTS.positionOf("source_bucket");
    public static final int SOURCE_KEY = EVENTS.positionOf("source_key");
    public static final int INGESTED_AT = EVENTS.positionOf("ingested_at");
    public static final int RAW = EVENTS.positionOf("raw");
    public static final int RECIPIENT_ACCOUNT_ID = EVENTS.positionOf("recipient_account_id");
    public static final int EVENT_TYPE = EVENTS.positionOf("event_type");

    static {
        EVENTS.allIds(); // fails class initialisation on a duplicated field id
    }

    private EventLayout() {}
}
