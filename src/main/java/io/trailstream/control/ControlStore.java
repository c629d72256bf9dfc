package io.trailstream.control;

/**
 * A {@link ControlView} that can also be written: where an applied control message's after-state is stored
 * (the applier's keyed state, routing's broadcast state, memory).
 */
public interface ControlStore extends ControlView {
    void putIntegration(Integration integration);

    void putTenant(Tenant tenant);
}
