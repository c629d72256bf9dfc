package io.trailstream.notification;

import java.util.List;
import java.util.Objects;

/**
 * What one notification said: the objects it announced, or why it announced none. The parser returns
 * one of these for every payload instead of throwing, so that a bad message becomes a counted dead
 * letter and never a failed job.
 */
public final class NotificationResult {

    /** How a notification was judged. */
    public enum Status {
        /** It announced one or more objects. */
        OBJECTS,
        /** It was understood and carries nothing to fetch (test events, deletions, SNS housekeeping). */
        IGNORED,
        /** It could not be understood; it belongs in the dead-letter output with its reason. */
        DEAD_LETTER
    }

    private final Status status;
    private final String shape;
    private final List<ObjectRef> objects;
    private final String reason;
    private final int ignoredRecords;

    private NotificationResult(
            Status status, String shape, List<ObjectRef> objects, String reason, int ignoredRecords) {
        this.status = Objects.requireNonNull(status);
        this.shape = Objects.requireNonNull(shape);
        this.objects = List.copyOf(objects);
        this.reason = reason;
        this.ignoredRecords = ignoredRecords;
    }

    /** Objects were announced; {@code ignoredRecords} records of the same message announced none (with {@code reason}). */
    public static NotificationResult objects(
            String shape, List<ObjectRef> objects, int ignoredRecords, String ignoredReason) {
        if (objects.isEmpty()) throw new IllegalArgumentException("no objects");
        return new NotificationResult(
                Status.OBJECTS, shape, objects, ignoredRecords > 0 ? ignoredReason : null, ignoredRecords);
    }

    public static NotificationResult objects(String shape, List<ObjectRef> objects) {
        return objects(shape, objects, 0, null);
    }

    public static NotificationResult ignored(String shape, String reason, int ignoredRecords) {
        return new NotificationResult(Status.IGNORED, shape, List.of(), Objects.requireNonNull(reason), ignoredRecords);
    }

    public static NotificationResult ignored(String shape, String reason) {
        return ignored(shape, reason, 1);
    }

    public static NotificationResult deadLetter(String shape, String reason) {
        return new NotificationResult(Status.DEAD_LETTER, shape, List.of(), Objects.requireNonNull(reason), 0);
    }

    public Status status() {
        return status;
    }

    /** One of {@link NotificationShapes}. */
    public String shape() {
        return shape;
    }

    /** The announced objects, in message order; empty unless {@link Status#OBJECTS}. */
    public List<ObjectRef> objects() {
        return objects;
    }

    /**
     * Why nothing (or not everything) was taken: set for IGNORED and DEAD_LETTER, and for OBJECTS when
     * some records of the message were skipped; else null.
     */
    public String reason() {
        return reason;
    }

    /** How many records of the message announced nothing to fetch (e.g. {@code ObjectRemoved:*} records). */
    public int ignoredRecords() {
        return ignoredRecords;
    }

    public boolean hasObjects() {
        return status == Status.OBJECTS;
    }

    @Override
    public String toString() {
        return status + "/" + shape + (objects.isEmpty() ? "" : " " + objects)
                + (reason == null ? "" : " (" + reason + ")");
    }
}
