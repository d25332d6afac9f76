package io.incidentstream.application.archviolation.cycle.left;

import io.incidentstream.application.archviolation.cycle.right.RightUsingLeft;

/** One half of a deliberate package cycle, to prove the cycle rule notices (test code only). */
public class LeftUsingRight {

    public RightUsingLeft other() {
        return new RightUsingLeft();
    }
}
