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

/**
 * Values of unexpected types never drop a record: the typed column is stringified or null, and raw keeps
 * the truth. Also unicode, escapes, big and odd numbers, and pretty-printed input.
 */
class CloudTrailRecordOddValuesTest {

    @Test
    void scalarsOfTheWrongTypeAreStringifiedExactly() {
        Parsed parsed = Fixtures.parse("odd-values.json");
        assertThat(parsed.summary().isOk()).isTrue();
        assertThat(parsed.rows()).hasSize(4);
        RowData row = parsed.row(0);
        assertThat(str(row, "user_identity.principal_id")).isEqualTo("42.50");
        assertThat(str(row, "user_identity.account_id")).isEqualTo("123456789012");
        assertThat(str(row, "user_identity.user_name")).isEqualTo("true");
        assertThat(str(row, "user_identity.arn")).isEqualTo("{\"not\":\"a string\"}");
        assertThat(str(row, "aws_region")).isEqualTo("[\"us-east-1\"]");
        assertThat(str(row, "user_agent")).isEqualTo("false");
        assertThat(str(row, "error_code")).isEqualTo("200");
        assertThat(str(row, "error_message")).isEqualTo("{\"code\":1}");
        assertThat(str(row, "recipient_account_id")).as("13-digit number").isEqualTo("1234567890123");
        assertThat(time(row, "event_time")).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456789Z"));
    }

    @Test
    void booleansAcceptJsonBooleansAndTrueFalseStrings() {
        Parsed parsed = Fixtures.parse("odd-values.json");
        assertThat(bool(parsed.row(0), "read_only")).as("\"true\"").isTrue();
        assertThat(bool(parsed.row(0), "management_event")).as("\"FALSE\"").isFalse();
        assertThat(bool(parsed.row(0), "session_credential_from_console"))
                .as("\"true\"")
                .isTrue();
        assertThat(get(parsed.row(1), "read_only")).as("\"yes\"").isNull();
        assertThat(get(parsed.row(1), "management_event")).as("1").isNull();
        assertThat(bool(parsed.row(1), "session_credential_from_console"))
                .as("false")
                .isFalse();
        assertThat(bool(parsed.row(1), "user_identity.session_context.attributes.mfa_authenticated"))
                .as("true")
                .isTrue();
        assertThat(bool(parsed.row(3), "user_identity.session_context.attributes.mfa_authenticated"))
                .as("\"TRUE\"")
                .isTrue();
        assertThat(get(parsed.row(3), "read_only")).as("null").isNull();
    }

    @Test
    void unparseableTimesAreNullAndOffsetsAreApplied() {
        Parsed parsed = Fixtures.parse("odd-values.json");
        assertThat(get(parsed.row(1), "event_time")).isNull();
        assertThat(get(parsed.row(1), "user_identity.session_context.attributes.creation_date"))
                .isNull();
        assertThat(time(parsed.row(3), "event_time")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(time(parsed.row(3), "user_identity.session_context.attributes.creation_date"))
                .as("basic ISO form")
                .isEqualTo(Instant.parse("2013-11-02T01:06:28Z"));
    }

    @Test
    void structsAndListsOfTheWrongTypeAreNull() {
        Parsed parsed = Fixtures.parse("odd-values.json");
        RowData row = parsed.row(1);
        assertThat(get(row, "tls_details")).isNull();
        assertThat(get(row, "resources")).isNull();
        assertThat(get(parsed.row(2), "user_identity")).as("a string").isNull();
        assertThat(get(parsed.row(3), "user_identity.session_context.session_issuer"))
                .as("an array")
                .isNull();
        assertThat(get(parsed.row(3), "user_identity.session_context.web_id_federation_data.federated_provider"))
                .isNull();
        assertThat(str(parsed.row(3), "user_identity.session_context.web_id_federation_data.attributes"))
                .isEqualTo("\"plain\"");
        assertThat(str(parsed.row(3), "error_code")).isEmpty();
    }

    @Test
    void freeFormColumnsHoldAnyJsonValue() {
        RowData row = Fixtures.parse("odd-values.json").row(1);
        assertThat(str(row, "request_parameters")).isEqualTo("\"a string\"");
        assertThat(str(row, "response_elements")).isEqualTo("[1,2]");
        assertThat(str(row, "additional_event_data")).isEqualTo("12");
        assertThat(str(row, "service_event_details")).isEqualTo("true");
    }

    @Test
    void resourceElementsThatAreNotObjectsAreNullElements() {
        RowData row = Fixtures.parse("odd-values.json").row(2);
        assertThat(size(row, "resources")).as("one element per JSON element").isEqualTo(6);
        assertThat(str(row, "resources[0].arn")).as("ARN").isEqualTo("arn:aws:s3:::upper");
        assertThat(get(row, "resources[1]")).isNull();
        assertThat(get(row, "resources[2]")).isNull();
        assertThat(str(row, "resources[3].arn")).as("arn").isEqualTo("arn:aws:s3:::lower");
        assertThat(str(row, "resources[4].account_id")).isEqualTo("111122223333");
        assertThat(get(row, "resources[4].type")).isNull();
        assertThat(get(row, "resources[5]")).isNull();
    }

    @Test
    void unicodeAndEscapesAreDecodedInColumnsAndKeptVerbatimInJson() {
        RowData row = Fixtures.parse("unicode.json").row(0);
        assertThat(str(row, "event_name")).isEqualTo("Puté");
        assertThat(str(row, "error_message")).isEqualTo("café \uD83D\uDE00 \"quoted\" back\\slash / tab\tnew\nline");
        assertThat(str(row, "user_agent")).isEqualTo("résumé 日本語 😀");
        assertThat(str(row, "user_identity.user_name")).isEqualTo("Zoë_Łukasz");
        assertThat(str(row, "request_parameters"))
                .isEqualTo("{\"ключ\":\"значение\",\"esc\":\"a\\u0000b\",\"emoji\":\"\\ud83d\\udc4d\"}");
    }

    @Test
    void longStringsAcrossReadBuffersAreSlicedOrDecodedExactly() {
        // Jackson reads 8000 bytes at a time: these values span many reads, one with escapes at its end.
        String plain = "agent/" + "é日x".repeat(20_000);
        String escapedTail = "m".repeat(30_001) + "\\\"q\\\" \\\\ \\u00e9\\n";
        StringBuilder file = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 3; i++) {
            if (i > 0) file.append(',');
            file.append("{\"eventName\":\"E")
                    .append(i)
                    .append("\",\"userAgent\":\"")
                    .append(plain)
                    .append("\",\"errorMessage\":\"")
                    .append(escapedTail)
                    .append("\",\"awsRegion\":\"r\"}");
        }
        Parsed parsed = Fixtures.parseText(file.append("]}").toString());
        assertThat(parsed.summary().error()).isNull();
        assertThat(parsed.rows()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            RowData row = parsed.row(i);
            assertThat(str(row, "event_name")).isEqualTo("E" + i);
            assertThat(str(row, "user_agent")).isEqualTo(plain);
            assertThat(str(row, "error_message")).isEqualTo("m".repeat(30_001) + "\"q\" \\ é\n");
            assertThat(str(row, "aws_region")).isEqualTo("r");
        }
    }

    @Test
    void numbersKeepTheirTextInStringAndJsonColumns() {
        RowData row = Fixtures.parse("big-numbers.json").row(0);
        assertThat(str(row, "user_identity.account_id")).isEqualTo("999999999999999999999999");
        assertThat(str(row, "recipient_account_id")).isEqualTo("-0");
        assertThat(str(row, "vpc_endpoint_account_id")).isEqualTo("1.10");
        assertThat(str(row, "request_parameters"))
                .isEqualTo("{\"big\":123456789012345678901234567890,\"dec\":1.10,"
                        + "\"exp\":8.82145e-05,\"negZero\":-0.0,\"huge\":1E400,\"tiny\":-1e-400,\"plain\":7}");
        assertThat(str(row, "additional_event_data")).isEqualTo("[1.0,2.50,3e2]");
    }

    @Test
    void prettyPrintedInputGivesCompactRawAndJsonButKeepsSpacesInStrings() {
        Parsed parsed = Fixtures.parse("pretty.json");
        assertThat(parsed.summary().isOk()).isTrue();
        assertThat(parsed.rows()).hasSize(2);
        RowData row = parsed.row(0);
        assertThat(str(row, "raw"))
                .isEqualTo(
                        "{\"eventVersion\":\"1.08\",\"eventName\":\"Two  spaces\\tand a tab\","
                                + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"pretty printer\"},"
                                + "\"requestParameters\":{\"list\":[1,2,3],\"text\":\"  padded  \"},\"eventTime\":\"2022-02-02T02:02:02Z\"}");
        assertThat(str(row, "event_name")).isEqualTo("Two  spaces\tand a tab");
        assertThat(str(row, "request_parameters")).isEqualTo("{\"list\":[1,2,3],\"text\":\"  padded  \"}");
        assertThat(str(row, "user_identity.user_name")).isEqualTo("pretty printer");
        assertThat(time(row, "event_time")).isEqualTo(Instant.parse("2022-02-02T02:02:02Z"));
        assertThat(str(parsed.row(1), "raw")).isEqualTo("{\"eventVersion\":\"1.09\",\"eventID\":\"pretty-2\"}");
    }

    @Test
    void jsonColumnsNestedInStructsAndListsAreCompactedWhereTheRecordHadWhitespace() {
        Parsed parsed =
                Fixtures.parseText("{\"Records\":[{\"eventID\":\"nested-1\",\"userIdentity\":{\"sessionContext\":"
                        + "{\"webIdFederationData\":{\"federatedProvider\":\"idp\",\"attributes\": { \"a\" : [ 1 , \"b c\" ] }}}},"
                        + "\"responseElements\":{\"x\":1}},\n"
                        + "{\"eventID\":\"nested-2\",\"userIdentity\":{\"sessionContext\":{\"webIdFederationData\":"
                        + "{\"attributes\":{\"a\":[1,\"b c\"]}}}},\"responseElements\":{\"x\":1}}]}");
        assertThat(parsed.rows()).hasSize(2);
        for (RowData row : parsed.rows()) {
            assertThat(str(row, "user_identity.session_context.web_id_federation_data.attributes"))
                    .as("a JSON column two structs deep")
                    .isEqualTo("{\"a\":[1,\"b c\"]}");
            assertThat(str(row, "response_elements")).isEqualTo("{\"x\":1}");
        }
        assertThat(str(parsed.row(0), "raw"))
                .isEqualTo(
                        "{\"eventID\":\"nested-1\",\"userIdentity\":{\"sessionContext\":{\"webIdFederationData\":"
                                + "{\"federatedProvider\":\"idp\",\"attributes\":{\"a\":[1,\"b c\"]}}}},\"responseElements\":{\"x\":1}}");
    }
}
