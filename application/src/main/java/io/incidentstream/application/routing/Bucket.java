package io.incidentstream.application.routing;

import java.util.Arrays;

/** An unordered array of registrations: walked by index without allocating, removed by swapping with the last. */
final class Bucket {

    private Registration[] items = new Registration[4];
    private int size;

    void add(Registration registration) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = registration;
    }

    /** Removes one registration by identity; returns whether the bucket is now empty. */
    boolean remove(Registration registration) {
        for (int i = 0; i < size; i++) {
            if (items[i] == registration) {
                items[i] = items[--size];
                items[size] = null;
                break;
            }
        }
        return size == 0;
    }

    int size() {
        return size;
    }

    Registration get(int i) {
        return items[i];
    }
}
