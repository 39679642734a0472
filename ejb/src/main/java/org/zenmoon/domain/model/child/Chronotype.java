package org.zenmoon.domain.model.child;

/** A child's chronotype category; the JSON and database spelling is the lower-case name. */
public enum Chronotype {
    early_bird,
    intermediate,
    night_owl
}
