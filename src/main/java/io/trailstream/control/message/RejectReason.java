package io.trailstream.control.message;

import java.util.Locale;

/**
 * Why a control message was rejected, as a short stable code: the {@code reason_code} column of
 * {@code control_audit} and the label of the rejection metric. The human-readable detail travels
 * next to it.
 */
public enum RejectReason {
    // Found by the parser, from the message alone.
    INVALID_JSON,
    TOO_LARGE,
    UNSUPPORTED_VERSION,
    UNKNOWN_KIND,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    BAD_FIELD,
    BAD_ACCOUNT_ID,
    BAD_ORGANIZATION_ID,
    BAD_STATUS,
    BAD_BUCKET,
    FROM_THE_FUTURE,
    // Found by the applier, against the state.
    UNKNOWN_INTEGRATION,
    INTEGRATION_DELETED,
    INCOMPLETE_INTEGRATION,
    NOT_AN_ORGANIZATION,
    ALL_ACCOUNTS,
    NO_ACCOUNTS_LEFT,
    // A bug: the parser never throws, it reports this instead.
    INTERNAL_ERROR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
