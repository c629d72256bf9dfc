package io.trailstream.architecture.cycle.b;

import io.trailstream.architecture.cycle.a.First;

/** Fixture: the other half of the circle. */
public class Second {
    public First back;
}
