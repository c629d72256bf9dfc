package io.trailstream.testing;

import io.trailstream.cli.ControlMessageBuilder;
import io.trailstream.control.ControlState;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.ControlView;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * Test support: ops changes as the job sees them. Messages are built by the ops command line's
 * {@link ControlMessageBuilder} (so they are exactly what the job's parser accepts), issued at the
 * test's clock, and applied by the job's own {@link ControlApplier} to an in-memory state over the
 * same seeds, so that a {@link ControlUpdate} handed to routing is the after-state the control
 * applier would broadcast, not something a test made up.
 *
 * <pre>
 * ControlOps ops = new ControlOps(seeds, harness::getProcessingTime);
 * harness.processBroadcastElement(ops.apply(ops.messages().suspend("acme-org")), now);
 * </pre>
 */
public final class ControlOps {
    private final LongSupplier clock;
    private final ControlState state;
    private final ControlApplier applier = new ControlApplier();
    private final ControlMessageBuilder messages;
    private int ids;

    /** @param clock the receiver's clock (e.g. the harness' processing time); messages are issued at it */
    public ControlOps(ControlView seeds, LongSupplier clock) {
        this.clock = clock;
        this.state = new ControlState(seeds);
        this.messages = new ControlMessageBuilder(
                "ops@test",
                new Clock() {
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
                        return clock.getAsLong();
                    }

                    @Override
                    public Instant instant() {
                        return Instant.ofEpochMilli(millis());
                    }
                },
                () -> String.format("ops-%03d", ++ids));
    }

    /** Builds messages issued at the clock (strictly increasing), validated by the job's parser. */
    public ControlMessageBuilder messages() {
        return messages;
    }

    /** Applies {@code m} with the job's applier at the clock; it must be {@code applied}. */
    public ControlUpdate apply(ControlMessage m) {
        ApplyResult r = offer(m);
        if (r.outcome != ApplyOutcome.APPLIED) throw new AssertionError("expected applied: " + r);
        return r.update();
    }

    /** Applies {@code m} with the job's applier at the clock and returns the result, whatever it is. */
    public ApplyResult offer(ControlMessage m) {
        return applier.apply(state, m, clock.getAsLong());
    }

    /** The state the applied messages left. */
    public ControlView state() {
        return state;
    }

    /** The wire bytes of {@code m}, as published. */
    public static byte[] wire(ControlMessage m) {
        return m.json.getBytes(StandardCharsets.UTF_8);
    }
}
