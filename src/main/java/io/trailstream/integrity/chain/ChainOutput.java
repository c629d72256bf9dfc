package io.trailstream.integrity.chain;

import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.health.HealthSignal;
import java.util.ArrayList;
import java.util.List;

/** What one step of the chain rules decided: digest rows for the {@code integrity} table and health signals. */
public final class ChainOutput {
    public final List<IntegrityCheck> checks = new ArrayList<>();
    public final List<HealthSignal> signals = new ArrayList<>();
}
