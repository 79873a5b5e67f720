package tdxcheck.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.app.cli.Version;
import tdxcheck.app.suite.ConfigLayer;
import tdxcheck.app.suite.SuiteConfig;
import tdxcheck.app.suite.SuiteException;
import tdxcheck.app.suite.Suites;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;

/**
 * Suite files as JUnit 5 dynamic tests: one container per file, one test per {@code expect.*}
 * key (a file without expectations gets one test: every property holds). Each file is checked
 * once, when its first test runs. A file that does not parse becomes one failing test with the
 * one-line error.
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> suites() {
 *     return TdxSuites.dynamicTests(Path.of("suites"));   // a directory of *.tdx, or one file
 * }
 * }</pre>
 */
public final class TdxSuites {
    private TdxSuites() {
    }

    /** The TDX catalog's dynamic tests for suite files and directories of them. */
    public static Stream<DynamicNode> dynamicTests(Path... paths) {
        return dynamicTests(new TdxCatalog(), paths);
    }

    public static Stream<DynamicNode> dynamicTests(Catalog catalog, Path... paths) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path f : Suites.expand(List.of(paths))) {
            nodes.add(file(catalog, f));
        }
        return nodes.stream();
    }

    private static DynamicNode file(Catalog catalog, Path f) {
        String name = f.getFileName().toString();
        SuiteConfig c;
        try {
            c = SuiteConfig.resolve(catalog, f.toString(), true, List.of(ConfigLayer.read(f, catalog)));
        } catch (SuiteException e) {
            return DynamicTest.dynamicTest(name + ": invalid suite file", f.toUri(), () -> {
                throw new AssertionFailedError(e.getMessage());
            });
        }
        Supplier<CheckResult> result = memo(() -> new CheckResult(c.run(catalog, SearchConfig.builder().threads(1)),
                Version.tool(catalog)));
        List<DynamicNode> tests = new ArrayList<>();
        if (!c.hasExpectations()) {
            tests.add(DynamicTest.dynamicTest("every property holds", f.toUri(), () -> result.get().assertAllHold()));
        }
        for (SuiteConfig.Expectation e : c.expectations()) {
            tests.add(DynamicTest.dynamicTest(e.key() + " = " + e.verdict(), f.toUri(), () -> {
                CheckResult r = result.get();
                Run run = r.run();
                PropertyResult pr = run.result(e.property());
                if (pr == null) {
                    throw new AssertionFailedError(e.source() + ": " + r.describeRun() + " has no property "
                            + e.property());
                }
                AssertionFailedError fail = r.failure(e.property(), e.verdict(), e.source().toString());
                if (fail != null) {
                    throw fail;
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name + ": " + c.scenario() + " [" + c.policy().label() + "]"
                + (c.params().has("pending-events") && c.params().boolValue("pending-events") ? " pending-events" : ""), f.toUri(), tests.stream());
    }

    /** Runs {@code s} once, on first use (dynamic tests of one file run one after the other). */
    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;
            private RuntimeException failure;

            @Override
            public synchronized T get() {
                if (value == null && failure == null) {
                    try {
                        value = s.get();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        };
    }
}
