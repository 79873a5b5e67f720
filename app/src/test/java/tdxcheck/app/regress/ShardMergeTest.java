package tdxcheck.app.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;

/**
 * Many machines: the committed baseline cut into shards, each run alone (as a CI matrix job or a
 * Kubernetes Indexed Job would), then merged, gives the same verdicts, state counts and order as
 * one whole run: the merged --update rewrites the committed baseline byte for byte.
 */
class ShardMergeTest {
    private static final int N = 3;

    @Test
    void shardsThenMergeEqualOneRun(@TempDir Path dir) throws IOException {
        Path base = TestCli.baseline();
        Baseline whole = Baseline.read(base);
        List<String> mergeArgs = new ArrayList<>(List.of("regress", "--baseline", base.toString(), "--merge"));
        int runs = 0;
        for (int i = 0; i < N; i++) {
            Path f = dir.resolve("shard-" + i + ".json");
            Outcome o = TestCli.run("regress", "--baseline", base.toString(), "--shard", i + "/" + N, "--shard-out",
                    f.toString(), "--jobs", "2");
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("regress: shard " + i + "/" + N + ": "), o.out());
            Baseline part = Baseline.read(f);
            assertEquals(Shard.parse(i + "/" + N), ShardResult.shardOf(f));
            for (int j = 0; j < part.runs().size(); j++) {
                assertEquals(whole.runs().get(j * N + i).key(), part.runs().get(j).key(), "shard " + i + " run " + j);
            }
            runs += part.runs().size();
            mergeArgs.add(f.toString());
        }
        assertEquals(whole.runs().size(), runs, "every run in exactly one shard");

        Outcome merged = TestCli.run(mergeArgs.toArray(String[]::new));
        assertEquals(0, merged.code(), merged.out() + merged.err());
        assertTrue(merged.out().contains("regress: merged " + N + " shard file(s): " + whole.entries() + " entries in "
                + whole.runs().size() + " runs"), merged.out());
        assertTrue(merged.out().contains(whole.entries() + " unchanged, 0 verdict changed, 0 new, 0 missing"),
                merged.out());

        // the merged verdicts, written as a baseline, are the committed file itself
        Path copy = dir.resolve("verdicts.json");
        Files.copy(base, copy);
        List<String> update = new ArrayList<>(mergeArgs);
        update.set(2, copy.toString());
        update.add("--update");
        assertEquals(0, TestCli.run(update.toArray(String[]::new)).code());
        assertEquals(Files.readString(base, StandardCharsets.UTF_8), Files.readString(copy, StandardCharsets.UTF_8));
    }

    @Test
    void aChangedVerdictInOneShardFailsTheMerge(@TempDir Path dir) throws IOException {
        Path base = TestCli.baseline();
        Baseline whole = Baseline.read(base);
        // shards written from the committed verdicts (what the runs give when nothing changed)
        List<String> args = new ArrayList<>(List.of("regress", "--baseline", base.toString(), "--merge"));
        for (int i = 0; i < 2; i++) {
            Path f = dir.resolve("s" + i + ".json");
            ShardResult.write(f, new Shard(i, 2), new Baseline(whole.fairness(), new Shard(i, 2).of(whole.runs())));
            args.add(f.toString());
        }
        assertEquals(0, TestCli.run(args.toArray(String[]::new)).code());
        Path s1 = Path.of(args.get(args.size() - 1));
        String text = Files.readString(s1, StandardCharsets.UTF_8);
        String flipped = text.replaceFirst("\"verdict\": \"HOLDS\"", "\"verdict\": \"VIOLATED\"");
        assertTrue(!flipped.equals(text));
        Files.writeString(s1, flipped, StandardCharsets.UTF_8);
        Outcome o = TestCli.run(args.toArray(String[]::new));
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("1 verdict changed"), o.out());
    }

    @Test
    void aMissingOrDoubledShardIsBadInput(@TempDir Path dir) throws IOException {
        Path base = TestCli.baseline();
        Baseline whole = Baseline.read(base);
        Path s0 = dir.resolve("s0.json");
        ShardResult.write(s0, new Shard(0, 3), new Baseline(whole.fairness(), new Shard(0, 3).of(whole.runs())));
        Outcome o = TestCli.run("regress", "--baseline", base.toString(), "--merge", s0.toString());
        assertEquals(2, o.code());
        assertEquals("tdxcheck: cannot merge: missing shards 1/3, 2/3\n", o.err());
        Outcome twice = TestCli.run("regress", "--baseline", base.toString(), "--merge", s0.toString(), s0.toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("shard 0/3 given twice"), twice.err());
        Outcome badShard = TestCli.run("regress", "--baseline", base.toString(), "--shard", "3/3");
        assertEquals(2, badShard.code());
        assertTrue(badShard.err().startsWith("tdxcheck: shard must be I/N with 0 <= I < N, got 3/3"), badShard.err());
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("1-2"));
        assertEquals(List.of(1, 4, 7), new Shard(1, 3).of(List.of(0, 1, 2, 3, 4, 5, 6, 7)));
    }
}
