package io.trailstream.control.message;

import java.util.Objects;

/**
 * What the parser made of some bytes: a valid {@link ControlMessage}, or a rejection with a reason.
 *
 * <p>A rejection still carries a message holding whatever could be read (id, kind, author, targets)
 * and the text as received, possibly cut, so that {@code control_audit} can show what was refused and
 * why. It may travel between operators, so it is a Flink POJO.
 */
public class ParsedControl {
    /** Never null; for a rejection, partly filled. */
    public ControlMessage message;
    /** Null when the message is valid. */
    public RejectReason rejection;
    /** Human-readable detail of the rejection, naming the field and the value. */
    public String detail;

    public ParsedControl() {}

    public static ParsedControl ok(ControlMessage message) {
        ParsedControl p = new ParsedControl();
        p.message = message;
        return p;
    }

    public static ParsedControl rejected(ControlMessage partial, RejectReason reason, String detail) {
        ParsedControl p = new ParsedControl();
        p.message = partial;
        p.rejection = reason;
        p.detail = detail;
        return p;
    }

    public boolean isOk() {
        return rejection == null;
    }

    /** {@code code: detail}, or {@code ok}. */
    public String reasonText() {
        return isOk() ? "ok" : rejection.code() + ": " + detail;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ParsedControl)) return false;
        ParsedControl p = (ParsedControl) o;
        return Objects.equals(message, p.message) && rejection == p.rejection && Objects.equals(detail, p.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, rejection, detail);
    }

    @Override
    public String toString() {
        return isOk() ? "ok " + message.describe() : "rejected " + reasonText();
    }
}
