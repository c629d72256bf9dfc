package io.trailstream.control.message;

/**
 * A control input that breaks a rule, with the code and the detail to report. Checked, so that the
 * code paths that may reject say so; it never leaves {@link ControlMessageParser}, which turns it
 * into a {@link ParsedControl} rejection.
 */
public class ControlRejectException extends Exception {
    private final RejectReason reason;

    public ControlRejectException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
