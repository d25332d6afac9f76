package io.incidentstream.benchmarks.micro;

import io.incidentstream.domain.filter.EventAttributes;
import io.incidentstream.domain.filter.Filter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One filter evaluated against one event's attributes: what the router does for every candidate
 * subscription. Attributes are resolved once at admission, so they are built in setup, not measured.
 * Run with {@code -prof gc} to see bytes allocated per evaluation (the target is zero).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    @Param
    public TypicalFilters filter;

    @Param
    public Samples.Family family;

    private Filter compiled;
    private EventAttributes attributes;

    @Setup
    public void setUp() {
        compiled = filter.filter();
        attributes = Samples.admitted(family).attributes();
    }

    @Benchmark
    public boolean matches() {
        return compiled.matches(attributes);
    }
}
