package io.trailstream.cli;

/**
 * A change the ops command line refuses to publish because the job would reject it, with the same
 * reason code the job would write to {@code control_audit}.
 */
public class InvalidControlMessageException extends IllegalArgumentException {
    private final String reasonCode;

    /** @param reasonCode the job's reason code, e.g. {@code bad_account_id} */
    public InvalidControlMessageException(String reasonCode, String detail) {
        super(reasonCode + ": " + detail);
        this.reasonCode = reasonCode;
    }

    /** The job's reason code. */
    public String reasonCode() {
        return reasonCode;
    }
}
