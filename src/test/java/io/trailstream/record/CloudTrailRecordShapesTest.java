package io.trailstream.record;

import static io.trailstream.record.TestRows.bool;
import static io.trailstream.record.TestRows.get;
import static io.trailstream.record.TestRows.size;
import static io.trailstream.record.TestRows.str;
import static io.trailstream.record.TestRows.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.record.Fixtures.Parsed;
import java.time.Instant;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

/** Every record shape CloudTrail writes lands in the typed columns exactly, one fixture per shape. */
class CloudTrailRecordShapesTest {

    @Test
    void iamUserRecordFillsEveryTopLevelColumn() {
        Parsed parsed = Fixtures.parse("iam-user.json");
        assertThat(parsed.summary().isOk()).isTrue();
        RowData row = parsed.row(0);

        assertThat(str(row, "event_version")).isEqualTo("1.10");
        assertThat(time(row, "event_time")).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(str(row, "event_source")).isEqualTo("iam.amazonaws.com");
        assertThat(str(row, "event_name")).isEqualTo("AttachUserPolicy");
        assertThat(str(row, "aws_region")).isEqualTo("us-east-1");
        assertThat(str(row, "source_ip_address")).isEqualTo("198.51.100.23");
        assertThat(str(row, "user_agent"))
                .startsWith("aws-cli/2.15.30 Python/3.11.8")
                .endsWith("command/iam.attach-user-policy");
        assertThat(str(row, "error_code")).isEqualTo("AccessDenied");
        assertThat(str(row, "error_message"))
                .isEqualTo(
                        "User: arn:aws:iam::111122223333:user/mira is not authorized to perform: iam:AttachUserPolicy");
        assertThat(str(row, "request_id")).isEqualTo("3f0e4c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(str(row, "event_id")).isEqualTo("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(str(row, "event_type")).isEqualTo("AwsApiCall");
        assertThat(str(row, "api_version")).isEqualTo("2010-05-08");
        assertThat(bool(row, "read_only")).isFalse();
        assertThat(bool(row, "management_event")).isTrue();
        assertThat(str(row, "recipient_account_id")).isEqualTo("111122223333");
        assertThat(str(row, "shared_event_id")).isEqualTo("0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a");
        assertThat(str(row, "vpc_endpoint_id")).isEqualTo("vpce-0a1b2c3d4e5f60718");
        assertThat(str(row, "vpc_endpoint_account_id")).isEqualTo("444455556666");
        assertThat(str(row, "event_category")).isEqualTo("Management");
        assertThat(bool(row, "session_credential_from_console")).isTrue();

        assertThat(str(row, "user_identity.type")).isEqualTo("IAMUser");
        assertThat(str(row, "user_identity.principal_id")).isEqualTo("AIDAQRSTUVWXYZEXAMPLE");
        assertThat(str(row, "user_identity.arn")).isEqualTo("arn:aws:iam::111122223333:user/mira");
        assertThat(str(row, "user_identity.account_id")).isEqualTo("111122223333");
        assertThat(str(row, "user_identity.access_key_id")).isEqualTo("AKIAQRSTUVWXEXAMPLE1");
        assertThat(str(row, "user_identity.user_name")).isEqualTo("mira");
        assertThat(get(row, "user_identity.session_context")).isNull();
        assertThat(get(row, "user_identity.invoked_by")).isNull();

        assertThat(size(row, "resources")).isEqualTo(1);
        assertThat(str(row, "resources[0].arn")).isEqualTo("arn:aws:iam::111122223333:user/ops-bot");
        assertThat(str(row, "resources[0].account_id")).isEqualTo("111122223333");
        assertThat(str(row, "resources[0].type")).isEqualTo("AWS::IAM::User");

        assertThat(str(row, "tls_details.tls_version")).isEqualTo("TLSv1.3");
        assertThat(str(row, "tls_details.cipher_suite")).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(str(row, "tls_details.client_provided_host_header")).isEqualTo("iam.amazonaws.com");

        assertThat(str(row, "request_parameters"))
                .isEqualTo("{\"userName\":\"ops-bot\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}");
        assertThat(str(row, "response_elements")).as("JSON null is SQL null").isNull();
        assertThat(str(row, "additional_event_data")).isEqualTo("{\"note\":\"manual\"}");
        assertThat(get(row, "service_event_details")).isNull();
        assertThat(get(row, "insight_details")).isNull();
    }

    @Test
    void lineageColumnsComeFromTheContext() {
        RowData row = Fixtures.parse("iam-user.json").row(0);
        assertThat(str(row, "integration_id")).isEqualTo("integration-7");
        assertThat(str(row, "source_bucket")).isEqualTo("trail-bucket");
        assertThat(str(row, "source_key")).isEqualTo(Fixtures.CONTEXT.sourceKey());
        assertThat(time(row, "ingested_at")).isEqualTo(Instant.parse("2024-05-06T08:00:00.000123Z"));
    }

    @Test
    void assumedRoleCarriesSessionContextIssuerAndMfa() {
        Parsed parsed = Fixtures.parse("assumed-role.json");
        RowData row = parsed.row(0);
        assertThat(str(row, "user_identity.type")).isEqualTo("AssumedRole");
        assertThat(str(row, "user_identity.arn"))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Deployer/deploy-42");
        assertThat(str(row, "user_identity.session_context.session_issuer.type"))
                .isEqualTo("Role");
        assertThat(str(row, "user_identity.session_context.session_issuer.principal_id"))
                .isEqualTo("AROAQRSTUVWXYZEXAMPL");
        assertThat(str(row, "user_identity.session_context.session_issuer.arn"))
                .isEqualTo("arn:aws:iam::111122223333:role/Deployer");
        assertThat(str(row, "user_identity.session_context.session_issuer.account_id"))
                .isEqualTo("111122223333");
        assertThat(str(row, "user_identity.session_context.session_issuer.user_name"))
                .isEqualTo("Deployer");
        assertThat(time(row, "user_identity.session_context.attributes.creation_date"))
                .isEqualTo(Instant.parse("2024-05-06T06:55:00Z"));
        assertThat(bool(row, "user_identity.session_context.attributes.mfa_authenticated"))
                .isTrue();
        assertThat(str(row, "user_identity.session_context.source_identity")).isEqualTo("mira@example.com");
        assertThat(str(row, "user_identity.session_context.ec2_role_delivery")).isEqualTo("2.0");
        assertThat(get(row, "user_identity.session_context.web_id_federation_data"))
                .as("{} is a struct of nulls")
                .isNotNull();
        assertThat(get(row, "user_identity.session_context.web_id_federation_data.federated_provider"))
                .isNull();
        assertThat(get(row, "user_identity.session_context.assumed_root")).isNull();

        RowData root = parsed.row(1);
        assertThat(str(root, "user_identity.session_context.assumed_root")).isEqualTo("true");
        assertThat(str(root, "user_identity.session_context.session_issuer.type"))
                .isEqualTo("Root");
        assertThat(get(root, "user_identity.session_context.session_issuer.user_name"))
                .isNull();
        assertThat(bool(root, "user_identity.session_context.attributes.mfa_authenticated"))
                .isFalse();
        assertThat(time(root, "user_identity.session_context.attributes.creation_date"))
                .isEqualTo(Instant.parse("2024-11-20T10:00:00.250Z"));
        assertThat(str(root, "request_id")).isEqualTo("R00T00TASK0001");
    }

    @Test
    void awsServiceRecordsKeepInvokedByAndServiceEventDetails() {
        Parsed parsed = Fixtures.parse("aws-service.json");
        RowData event = parsed.row(0);
        assertThat(get(event, "user_identity.type"))
                .as("this service event has no type")
                .isNull();
        assertThat(str(event, "user_identity.invoked_by")).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(str(event, "user_identity.account_id")).isEqualTo("111122223333");
        assertThat(str(event, "event_type")).isEqualTo("AwsServiceEvent");
        assertThat(str(event, "service_event_details"))
                .isEqualTo("{\"linkedChannelArn\":\"arn:aws:cloudtrail:us-west-2:111122223333:channel/example\","
                        + "\"serviceName\":\"example.amazonaws.com\"}");
        assertThat(get(event, "request_parameters")).isNull();
        assertThat(get(event, "request_id")).isNull();

        RowData call = parsed.row(1);
        assertThat(str(call, "user_identity.type")).isEqualTo("AWSService");
        assertThat(str(call, "user_identity.invoked_by")).isEqualTo("ec2.amazonaws.com");
        assertThat(str(call, "resources[0].type")).isEqualTo("AWS::IAM::Role");
        assertThat(str(call, "response_elements")).contains("\"sessionToken\":\"EXAMPLETOKEN\"");
        assertThat(bool(call, "read_only")).isTrue();
    }

    @Test
    void webIdentityUserAndWebIdFederationData() {
        Parsed parsed = Fixtures.parse("web-identity.json");
        RowData web = parsed.row(0);
        assertThat(str(web, "user_identity.type")).isEqualTo("WebIdentityUser");
        assertThat(str(web, "user_identity.identity_provider")).isEqualTo("accounts.google.com");
        assertThat(str(web, "user_identity.user_name")).isEqualTo("123456789012345678901");
        assertThat(get(web, "user_identity.arn")).isNull();

        RowData federated = parsed.row(1);
        assertThat(str(federated, "user_identity.session_context.web_id_federation_data.federated_provider"))
                .isEqualTo("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
        assertThat(str(federated, "user_identity.session_context.web_id_federation_data.attributes"))
                .isEqualTo("{\"sub\":\"repo:example/app:ref:refs/heads/main\",\"aud\":\"sts.amazonaws.com\"}");
        assertThat(bool(federated, "user_identity.session_context.attributes.mfa_authenticated"))
                .isFalse();
    }

    @Test
    void rootConsoleLogin() {
        RowData row = Fixtures.parse("root.json").row(0);
        assertThat(str(row, "user_identity.type")).isEqualTo("Root");
        assertThat(str(row, "user_identity.arn")).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(str(row, "user_identity.access_key_id"))
                .as("empty stays empty, not null")
                .isEmpty();
        assertThat(str(row, "event_type")).isEqualTo("AwsConsoleSignIn");
        assertThat(str(row, "response_elements")).isEqualTo("{\"ConsoleLogin\":\"Success\"}");
        assertThat(str(row, "additional_event_data"))
                .isEqualTo(
                        "{\"LoginTo\":\"https://console.aws.amazon.com/console/home\",\"MobileVersion\":\"No\",\"MFAUsed\":\"Yes\"}");
        assertThat(get(row, "read_only")).isNull();
        assertThat(get(row, "management_event")).isNull();
        assertThat(get(row, "resources")).isNull();
    }

    @Test
    void otherIdentityTypes() {
        Parsed parsed = Fixtures.parse("identity-types.json");
        RowData account = parsed.row(0);
        assertThat(str(account, "user_identity.type")).isEqualTo("AWSAccount");
        assertThat(str(account, "user_identity.principal_id")).isEqualTo("AIDAQRSTUVWXYZOTHER");
        assertThat(str(account, "user_identity.account_id")).isEqualTo("444455556666");
        assertThat(str(account, "recipient_account_id")).isEqualTo("111122223333");

        RowData identityCenter = parsed.row(1);
        assertThat(str(identityCenter, "user_identity.type")).isEqualTo("IdentityCenterUser");
        assertThat(str(identityCenter, "user_identity.on_behalf_of.user_id"))
                .isEqualTo("94482488-3041-7026-18f3-be45837cd0e4");
        assertThat(str(identityCenter, "user_identity.on_behalf_of.identity_store_arn"))
                .isEqualTo("arn:aws:identitystore::111122223333:identitystore/d-9067642ac7");
        assertThat(str(identityCenter, "user_identity.credential_id"))
                .startsWith("EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR");

        RowData lambda = parsed.row(2);
        assertThat(str(lambda, "user_identity.in_scope_of.issuer_type")).isEqualTo("AWS::Lambda::Function");
        assertThat(str(lambda, "user_identity.in_scope_of.credentials_issued_to"))
                .isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:fn");
        assertThat(str(lambda, "user_identity.in_scope_of.source_arn"))
                .isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:fn");
        assertThat(str(lambda, "user_identity.in_scope_of.source_account")).isEqualTo("111122223333");
        assertThat(bool(lambda, "management_event")).isFalse();
        assertThat(str(lambda, "event_category")).isEqualTo("Data");

        RowData federated = parsed.row(3);
        assertThat(str(federated, "user_identity.type")).isEqualTo("FederatedUser");
        assertThat(str(federated, "user_identity.session_context.session_issuer.type"))
                .isEqualTo("IAMUser");
    }

    @Test
    void recordsWithoutUserIdentityStillLand() {
        Parsed parsed = Fixtures.parse("no-user-identity.json");
        assertThat(parsed.rows()).hasSize(3);
        assertThat(get(parsed.row(0), "user_identity")).as("absent").isNull();
        assertThat(get(parsed.row(1), "user_identity")).as("null").isNull();
        assertThat(get(parsed.row(2), "user_identity"))
                .as("{} gives an empty struct")
                .isNotNull();
        assertThat(get(parsed.row(2), "user_identity.type")).isNull();
        for (RowData row : parsed.rows()) {
            assertThat(str(row, "event_name")).isEqualTo("HealthEvent");
        }
    }

    @Test
    void insightRecordsKeepInsightDetailsAsJson() {
        Parsed parsed = Fixtures.parse("insight.json");
        RowData start = parsed.row(0);
        assertThat(str(start, "event_type")).isEqualTo("AwsCloudTrailInsight");
        assertThat(str(start, "event_category")).isEqualTo("Insight");
        assertThat(str(start, "shared_event_id")).isEqualTo("ins9ins9-1111-4222-8333-444444444444");
        assertThat(get(start, "event_name"))
                .as("an insight's eventName is inside insightDetails")
                .isNull();
        assertThat(str(start, "insight_details"))
                .startsWith("{\"state\":\"Start\",\"eventSource\":\"ec2.amazonaws.com\"")
                .contains("\"baseline\":{\"average\":0.0125}");
        assertThat(str(parsed.row(1), "insight_details")).contains("\"insight\":{\"average\":2.75}");
    }

    @Test
    void dataEventsWithResourcesAndEdgeDevice() {
        Parsed parsed = Fixtures.parse("data-event.json");
        RowData get = parsed.row(0);
        assertThat(size(get, "resources")).isEqualTo(2);
        assertThat(str(get, "resources[0].type")).isEqualTo("AWS::S3::Object");
        assertThat(str(get, "resources[0].arn")).isEqualTo("arn:aws:s3:::data-lake/raw/2023/10/10/part-0.parquet");
        assertThat(get(get, "resources[0].account_id")).isNull();
        assertThat(str(get, "resources[1].account_id")).isEqualTo("111122223333");
        assertThat(str(get, "resources[1].arn")).isEqualTo("arn:aws:s3:::data-lake");
        assertThat(str(get, "additional_event_data")).contains("\"bytesTransferredOut\":5242880");
        assertThat(str(get, "vpc_endpoint_account_id")).isEqualTo("111122223333");
        assertThat(str(get, "tls_details.tls_version")).isEqualTo("TLSv1.2");
        assertThat(get(get, "user_identity.session_context.session_issuer")).isNull();

        RowData put = parsed.row(1);
        assertThat(str(put, "edge_device_details"))
                .isEqualTo("{\"type\":\"outposts\",\"deviceID\":\"op-01ac5d28a6a232904\"}");
    }

    @Test
    void unknownFieldsStayOnlyInRawAndDocumentedOnesGetColumns() {
        Parsed parsed = Fixtures.parse("future-fields.json");
        assertThat(parsed.summary().isOk()).isTrue();
        assertThat(parsed.rows()).as("keys around Records are ignored").hasSize(1);
        RowData row = parsed.row(0);
        assertThat(str(row, "event_version")).isEqualTo("1.12");
        assertThat(str(row, "event_name")).isEqualTo("PutBucketTagging");
        assertThat(time(row, "event_time")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(str(row, "user_identity.user_name")).isEqualTo("mira");
        assertThat(str(row, "addendum"))
                .isEqualTo(
                        "{\"reason\":\"DELIVERY_DELAY\",\"updatedFields\":\"\",\"originalRequestID\":\"\",\"originalEventID\":\"\"}");
        assertThat(str(row, "event_context")).startsWith("{\"requestContext\":{\"aws:SourceVpc\":\"vpc-0123\"}");
        assertThat(str(row, "raw"))
                .contains("\"newFieldIn2027\":{\"nested\":[1,{\"a\":null}],\"flag\":true}")
                .contains("\"annotation\":\"kept only in raw\"")
                .contains("\"futureIdentityField\":\"x\"");
    }

    @Test
    void rawIsEachRecordByteForByte() {
        for (String fixture : new String[] {
            "iam-user.json",
            "assumed-role.json",
            "aws-service.json",
            "web-identity.json",
            "root.json",
            "identity-types.json",
            "no-user-identity.json",
            "insight.json",
            "data-event.json",
            "future-fields.json",
            "odd-values.json",
            "unicode.json",
            "big-numbers.json"
        }) {
            byte[] file = Fixtures.bytes(fixture);
            Parsed parsed = Fixtures.parse(file);
            assertThat(parsed.rows()).as(fixture).hasSameSizeAs(Fixtures.recordLines(file));
            for (int i = 0; i < parsed.rows().size(); i++) {
                assertThat(str(parsed.row(i), "raw"))
                        .as(fixture + " record " + i)
                        .isEqualTo(Fixtures.recordLines(file).get(i));
            }
        }
    }
}
