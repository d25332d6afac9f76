package io.incidentstream.application.archviolation.cycle.right;

import io.incidentstream.application.archviolation.cycle.left.LeftUsingRight;

/** The other half of a deliberate package cycle (test code only). */
public class RightUsingLeft {

    public LeftUsingRight other() {
        return new LeftUsingRight();
    }
}
