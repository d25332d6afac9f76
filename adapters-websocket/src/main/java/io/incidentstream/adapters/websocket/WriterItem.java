package io.incidentstream.adapters.websocket;

/**
 * Something a {@link FrameWriter} writes, linked to the next in its queue: the queue is the items
 * themselves, so that a connection's writer holds no queue object of its own (issue 14: every
 * idle connection pays for one).
 */
abstract class WriterItem {

    /** The next item of whichever chain holds this one: a batch being handed over, or the writer's queue. */
    WriterItem next;
}
