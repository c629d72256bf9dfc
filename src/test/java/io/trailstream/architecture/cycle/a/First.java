package io.trailstream.architecture.cycle.a;

import io.trailstream.architecture.cycle.b.Second;

/** Fixture: half of a circle between two packages, which the package rules must report. */
public class First {
    public Second next;
}
