package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;

class ReportWriterTest {
    private static final String ZS = "frozen-spte-race__mmu-part2__no-zero-step";
    private static final String LASSO = "zap-vs-running__mmu-part2__no-busy-livelock";

    static List<Path> allFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static void assertNoTempFiles(Path dir) throws IOException {
        for (Path p : allFiles(dir)) {
            String name = p.getFileName().toString();
            assertFalse(name.startsWith(".") || name.endsWith(".tmp"), "temp file left behind: " + p);
        }
    }

    /** The JSON embedded in report.html, unescaped by a JSON parser as the browser does. */
    static String embeddedJson(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"tdxcheck-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no embedded data block");
        return m.group(1);
    }

    @Test
    void writesEveryReportCompleteAndValid(@TempDir Path out) throws Exception {
        Result r = Fixtures.sample();
        List<Path> written = new ReportWriter().withSvg(false).write(r, out);
        List<String> expected = List.of("report.html", "result.json", "summary.md",
                "lassos/" + LASSO + ".dot", "traces/" + LASSO + ".txt", "traces/" + ZS + ".txt");
        List<String> actual = new ArrayList<>();
        for (Path p : allFiles(out)) {
            actual.add(out.relativize(p).toString().replace('\\', '/'));
        }
        assertEquals(expected.stream().sorted().toList(), actual);
        assertEquals(expected.size(), written.size());
        assertNoTempFiles(out);

        String json = Files.readString(out.resolve("result.json"));
        SchemaAssert.assertValid(json, "result.json");
        assertEquals(r, ResultJson.read(out.resolve("result.json")));
        String html = Files.readString(out.resolve("report.html"));
        SchemaAssert.assertValid(embeddedJson(html), "the JSON embedded in report.html");
        assertEquals(new TextTraceRenderer().render(r.runs().get(0), r.runs().get(0).results().get(0)),
                Files.readString(out.resolve("traces/" + ZS + ".txt")));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("(traces/" + ZS + ".txt)"));
        assertTrue(Files.readString(out.resolve("lassos/" + LASSO + ".dot")).startsWith("digraph "));
    }

    @Test
    void incrementalWritesKeepEarlierFilesAndSkipUnchangedOnes(@TempDir Path out) throws Exception {
        ReportWriter w = new ReportWriter().withSvg(false);
        Run first = Fixtures.zeroStepRun();
        w.write(Result.of("0.1.0", List.of()), out);
        assertTrue(Files.readString(out.resolve("summary.md")).contains("No run has finished yet."));
        SchemaAssert.assertValid(Files.readString(out.resolve("result.json")), "empty result.json");

        w.write(Result.of("0.1.0", List.of(first)), out);
        Path trace = out.resolve("traces/" + ZS + ".txt");
        assertTrue(Files.exists(trace));
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(trace, stamp);

        List<Path> second = w.write(Result.of("0.1.0", List.of(first, Fixtures.lassoRun())), out);
        assertFalse(second.contains(trace), "an unchanged trace is not rewritten");
        assertEquals(stamp, Files.getLastModifiedTime(trace));
        assertTrue(second.contains(out.resolve("traces/" + LASSO + ".txt")));
        assertTrue(second.contains(out.resolve("summary.md")));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains(ZS) && md.contains(LASSO), md);
        assertEquals(2, ResultJson.read(out.resolve("result.json")).runs().size());
        assertNoTempFiles(out);

        // the same result again writes nothing
        assertEquals(List.of(), w.write(Result.of("0.1.0", List.of(first, Fixtures.lassoRun())), out));
    }

    @Test
    void rendersLassoSvgWhenGraphvizIsInstalled(@TempDir Path out) throws Exception {
        Path dot = ReportWriter.findOnPath("dot");
        Assumptions.assumeTrue(dot != null, "Graphviz 'dot' is not on the PATH (apt-get install -y graphviz)");
        List<Path> written = ReportWriter.writeAll(Fixtures.sample(), out);
        Path svg = out.resolve("lassos/" + LASSO + ".svg");
        assertTrue(written.contains(svg));
        String s = Files.readString(svg);
        assertTrue(s.contains("<svg") && s.replace("&#45;", "-").contains("cycle 4-10 closes"), s);
        assertNoTempFiles(out);
    }

    @Test
    void missingOrBrokenGraphvizIsSkippedSilently(@TempDir Path out) throws Exception {
        List<Path> written = new ReportWriter().withDotExecutable(out.resolve("no-such-dot")).write(Fixtures.sample(), out);
        assertFalse(Files.exists(out.resolve("lassos/" + LASSO + ".svg")));
        assertTrue(written.contains(out.resolve("lassos/" + LASSO + ".dot")));

        Path failing = out.resolve("bin/dot");
        Files.createDirectories(failing.getParent());
        Files.writeString(failing, "#!/bin/sh\necho 'partial output'\nexit 3\n");
        Assumptions.assumeTrue(failing.toFile().setExecutable(true), "cannot make a script executable here");
        Path out2 = out.resolve("second");
        new ReportWriter().withDotExecutable(failing).write(Fixtures.sample(), out2);
        assertFalse(Files.exists(out2.resolve("lassos/" + LASSO + ".svg")), "a failed dot leaves no SVG");
        assertNoTempFiles(out2);
    }

    @Test
    void tempFilesOfAKilledWriteAreCleanedUpNextTime(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("traces"));
        Files.writeString(out.resolve(".report.html.123456.tmp"), "<html>half");
        Files.writeString(out.resolve("traces/.x.txt.42.tmp"), "half");
        Files.writeString(out.resolve("notes.txt"), "the user's own file");
        new ReportWriter().withSvg(false).write(Fixtures.sample(), out);
        assertNoTempFiles(out.resolve("traces"));
        assertFalse(Files.exists(out.resolve(".report.html.123456.tmp")));
        assertEquals("the user's own file", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/dir/file.txt");
        AtomicFiles.write(f, "first version, rather long ".repeat(100));
        AtomicFiles.write(f, "second");
        assertEquals("second", Files.readString(f));
        byte[] bin = new byte[256 * 1024];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = (byte) i;
        }
        AtomicFiles.write(f, bin);
        assertArrayEquals(bin, Files.readAllBytes(f));
        assertNoTempFiles(dir);
    }

    @Test
    void failedAtomicWriteKeepsTheOldStateAndNoTempFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("report.html");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        // a non-empty directory cannot be replaced by a file: the rename fails
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "new"));
        assertTrue(Files.isDirectory(target));
        assertEquals("x", Files.readString(target.resolve("keep.txt")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "only the old directory remains");
        }
    }

    @Test
    void minimalContractDocumentRendersEverywhere(@TempDir Path out) throws Exception {
        String example = "{\"schema\": \"tdxcheck-result/1\", \"tool\": {\"name\": \"tdxcheck\", \"version\": \"0.1.0\"},"
                + " \"runs\": [{\"scenario\": \"frozen-spte-race\","
                + " \"policy\": {\"preset\": null, \"faultRetry\": \"resume-guest\", \"zapRetry\": \"retry-forever\"},"
                + " \"params\": {}, \"stats\": {\"distinctStates\": 3, \"generated\": 4, \"maxDepth\": 2, \"seconds\": 0.0},"
                + " \"results\": [{\"property\": \"no-busy-livelock\", \"verdict\": \"VIOLATED\","
                + " \"counterexample\": {\"kind\": \"LIVENESS\", \"loopBackIndex\": 0,"
                + " \"steps\": [{\"index\": 1, \"actor\": \"zap\", \"action\": \"TDH.MEM.TRACK\","
                + " \"outcome\": \"TDX_OPERAND_BUSY|TD_EPOCH\", \"changes\": {}}]}}]}]}";
        SchemaAssert.assertValid(example, "minimal document");
        Result r = ResultJson.parse(example, "minimal");
        new ReportWriter().write(r, out);
        String base = "frozen-spte-race__resume-guest+retry-forever__no-busy-livelock";
        String text = Files.readString(out.resolve("traces/" + base + ".txt"));
        TextTraceRendererTest.assertMailSafe(text);
        assertTrue(text.endsWith("  -> cycle 1-1 repeats: after step 1 the state is the initial state\n"), text);
        assertTrue(Files.readString(out.resolve("report.html")).contains("class=\"marker busy\""));
        assertTrue(Files.exists(out.resolve("lassos/" + base + ".dot")));
    }

    /** Leaves a complete sample report in target/sample-report for a look by hand. */
    @Test
    void sampleReportForHumans() throws Exception {
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target/sample-report");
        ReportWriter.writeAll(Fixtures.sample(), out);
        assertTrue(Files.size(out.resolve("report.html")) > 10_000);
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("http://") || html.contains("https://"), "report.html must not reference the network");
    }
}
