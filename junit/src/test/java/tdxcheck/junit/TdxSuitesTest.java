package tdxcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import tdxcheck.app.suite.SuiteException;

/** Suite files as dynamic tests. */
class TdxSuitesTest {
    /** The shipped suites, one dynamic test per expectation (this is how a user would use it). */
    @TestFactory
    Stream<DynamicNode> shippedSuites() {
        return TdxSuites.dynamicTests(shippedSuitesDir());
    }

    /** suites/ of the repository: the nearest ancestor of the working directory that has it. */
    static Path shippedSuitesDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("suites")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d.resolve("suites");
            }
        }
        throw new IllegalStateException("no suites/ above " + Path.of("").toAbsolutePath());
    }

    private static List<DynamicTest> tests(DynamicNode n) {
        List<DynamicTest> l = new ArrayList<>();
        if (n instanceof DynamicTest t) {
            l.add(t);
        } else {
            ((DynamicContainer) n).getChildren().forEach(c -> l.addAll(tests(c)));
        }
        return l;
    }

    @Test
    void oneTestPerExpectationAndAFailingOneShowsTheTrace(@TempDir Path tmp) throws Throwable {
        Path f = tmp.resolve("mmu.tdx");
        Files.writeString(f, "scenario = frozen-spte-race\npolicy = mmu-part2\nproperties = no-zero-step, no-kvm-bug\n"
                + "expect.no-zero-step = HOLDS\nexpect.no-kvm-bug = HOLDS\n");
        List<DynamicNode> nodes = TdxSuites.dynamicTests(f).toList();
        assertEquals(1, nodes.size());
        assertEquals("mmu.tdx: frozen-spte-race [mmu-part2]", nodes.get(0).getDisplayName());
        List<DynamicTest> tests = tests(nodes.get(0));
        assertEquals(List.of("expect.no-zero-step = HOLDS", "expect.no-kvm-bug = HOLDS"),
                tests.stream().map(DynamicNode::getDisplayName).toList());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(0).getExecutable().execute());
        assertTrue(e.getMessage().contains("expected no-zero-step HOLDS, but it is VIOLATED: SAFETY, 31 steps: guest1"
                + " access gpa0 -> EXIT_REASON_EPT_VIOLATION [" + f + ":4]\n"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  31. guest1  access gpa0"), e.getMessage());
        tests.get(1).getExecutable().execute(); // no-kvm-bug holds
    }

    @Test
    void aFileWithoutExpectationsIsOneTestThatEverythingHolds(@TempDir Path tmp) throws Throwable {
        Files.writeString(tmp.resolve("a.tdx"), "scenario = frozen-spte-race\n");
        Files.writeString(tmp.resolve("b.tdx"), "scenario = frozen-spte-race\npolicy = mmu-part2\n");
        List<DynamicNode> nodes = TdxSuites.dynamicTests(tmp).toList();
        assertEquals(2, nodes.size());
        List<DynamicTest> a = tests(nodes.get(0));
        assertEquals(List.of("every property holds"), a.stream().map(DynamicNode::getDisplayName).toList());
        a.get(0).getExecutable().execute();
        assertThrows(Throwable.class, () -> tests(nodes.get(1)).get(0).getExecutable().execute());
    }

    @Test
    void anInvalidFileIsOneFailingTestWithTheOneLineError(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.tdx");
        Files.writeString(f, "scenario = frozen-spte-race\nvcpu = 2\n");
        List<DynamicNode> nodes = TdxSuites.dynamicTests(f).toList();
        DynamicTest t = (DynamicTest) nodes.get(0);
        assertEquals("bad.tdx: invalid suite file", t.getDisplayName());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
        assertEquals("unknown key 'vcpu' in " + f + " line 2; did you mean 'vcpus'?", e.getMessage());
        assertThrows(SuiteException.class, () -> TdxSuites.dynamicTests(tmp.resolve("missing")));
    }
}
