package io.trailstream.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** Test clock that moves one second forward each time it is read, and sequential message ids. */
final class StepClock extends Clock {
    private long millis;
    private int ids;

    StepClock(String start) {
        this.millis = Instant.parse(start).toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        long m = millis;
        millis += 1000;
        return m;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    Supplier<String> ids() {
        return () -> String.format("m-%03d", ++ids);
    }
}
