package tdxcheck.jpf;

import gov.nasa.jpf.Config;
import gov.nasa.jpf.Error;
import gov.nasa.jpf.ListenerAdapter;
import gov.nasa.jpf.Property;
import gov.nasa.jpf.search.Search;
import gov.nasa.jpf.vm.ChoiceGenerator;
import gov.nasa.jpf.vm.ClassInfo;
import gov.nasa.jpf.vm.ClassLoaderInfo;
import gov.nasa.jpf.vm.ExceptionInfo;
import gov.nasa.jpf.vm.Instruction;
import gov.nasa.jpf.vm.NoUncaughtExceptionsProperty;
import gov.nasa.jpf.vm.ThreadInfo;
import gov.nasa.jpf.vm.VM;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs inside JPF (host side): counts what JPF's search did, turns the driver's violations
 * ({@link JpfDriver#VIOLATION} messages of uncaught AssertionErrors) and any other JPF error into
 * lines of an outcome file ({@code tdxcheck.out}), applies the bounds JPF has no option for
 * ({@code tdxcheck.time_limit} seconds, {@code tdxcheck.max_states} new states) and stops the
 * search once {@code tdxcheck.stop_after} properties are violated (0: never).
 *
 * <p>The outcome file has one {@code key value} line per fact: {@code newStates},
 * {@code visitedStates}, {@code backtracked}, {@code endStates}, {@code maxDepth},
 * {@code choicePoints}, {@code seconds}, {@code symmetry} (whether the driver's model,
 * as JPF built it, uses the symmetry hook), then any number of {@code constraint TEXT},
 * {@code violation MESSAGE} and {@code error TEXT} lines, and {@code finished true} last.
 */
public final class JpfStatsListener extends ListenerAdapter {
    private final Path out;
    private final long deadlineNanos;
    private final long maxStates;
    private final int stopAfter;
    private final String timeLimitText;
    private long start;
    private long newStates;
    private long visitedStates;
    private long backtracked;
    private long endStates;
    private int maxDepth;
    private long choicePoints;
    private boolean modelSymmetry;
    private final List<String> violations = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> constraints = new ArrayList<>();
    private final List<String> lateClasses = new ArrayList<>();
    private final boolean diagnose;
    private final java.util.Set<String> seenModel = new java.util.HashSet<>();
    private final List<String> duplicates = new ArrayList<>();

    public JpfStatsListener(Config conf) {
        String o = conf.getString("tdxcheck.out");
        this.out = o == null ? null : Path.of(o);
        double t = conf.getDouble("tdxcheck.time_limit", 0);
        this.timeLimitText = conf.getString("tdxcheck.time_limit", "");
        this.deadlineNanos = t > 0 ? (long) (t * 1e9) : 0;
        this.maxStates = conf.getLong("tdxcheck.max_states", 0);
        this.stopAfter = conf.getInt("tdxcheck.stop_after", 0);
        this.diagnose = conf.getBoolean("tdxcheck.diagnose", false);
    }

    @Override
    public void searchStarted(Search search) {
        start = System.nanoTime();
    }

    @Override
    public void choiceGeneratorRegistered(VM vm, ChoiceGenerator<?> cg, ThreadInfo ti, Instruction insn) {
        String n = cg.getClass().getSimpleName();
        if (n.startsWith("IntChoiceFrom") || n.equals("BreakGenerator")) {
            if (choicePoints++ == 0) {
                // the model as JPF built it (its set-up is over at the first choice point)
                ClassInfo driver = ClassLoaderInfo.getCurrentResolvedClassInfo(JpfDriver.class.getName());
                modelSymmetry = driver.getStaticElementInfo().getBooleanField("symmetry");
            }
        }
    }

    @Override
    public void classLoaded(VM vm, ClassInfo ci) {
        if (choicePoints > 0 && lateClasses.size() < 20) {
            lateClasses.add(ci.getName()); // loaded during the search: a source of extra JPF states
        }
    }

    @Override
    public void stateAdvanced(Search search) {
        if (search.isNewState()) {
            newStates++;
            if (diagnose) {
                diagnose(search);
            }
        } else {
            visitedStates++;
        }
        if (search.isEndState()) {
            endStates++;
        }
        maxDepth = Math.max(maxDepth, search.getDepth());
        if (deadlineNanos > 0 && System.nanoTime() - start > deadlineNanos) {
            stop(search, "time-limit " + timeLimitText + "s");
        } else if (maxStates > 0 && newStates >= maxStates) {
            stop(search, "max-states " + maxStates);
        }
    }

    /** Diagnosis (tdxcheck.diagnose): new JPF states whose model state JPF had already seen. */
    private void diagnose(Search search) {
        VM vm = search.getVM();
        ThreadInfo ti = vm.getCurrentThread();
        StringBuilder where = new StringBuilder();
        String key = null;
        for (gov.nasa.jpf.vm.StackFrame f = ti == null ? null : ti.getTopFrame(); f != null; f = f.getPrevious()) {
            where.append(f.getMethodInfo().getName()).append('@').append(f.getPC() == null ? -1 : f.getPC().getPosition())
                    .append(' ');
            if (key == null && f.getMethodInfo().getName().equals("step")) {
                key = java.util.Arrays.toString(vm.getHeap().get(f.getLocalVariable(0)).asLongArray());
            }
        }
        String k = key + " " + where;
        if (!seenModel.add(k) && duplicates.size() < 10) {
            duplicates.add("depth " + search.getDepth() + " " + k);
        }
    }

    private void stop(Search search, String what) {
        if (!constraints.contains(what)) {
            constraints.add(what);
        }
        search.terminate();
    }

    @Override
    public void stateBacktracked(Search search) {
        backtracked++;
    }

    @Override
    public void searchConstraintHit(Search search) {
        String c = search.getLastSearchConstraint();
        String what = c != null && c.contains("depth") ? "max-depth" : String.valueOf(c);
        if (!constraints.contains(what)) {
            constraints.add(what);
        }
    }

    @Override
    public void propertyViolated(Search search) {
        Error e = search.getCurrentError();
        Property p = e == null ? null : e.getProperty();
        String text = null;
        if (p instanceof NoUncaughtExceptionsProperty nue && nue.getUncaughtExceptionInfo() != null) {
            ExceptionInfo xi = nue.getUncaughtExceptionInfo();
            String details = xi.getDetails();
            int at = details == null ? -1 : details.indexOf(JpfDriver.VIOLATION + " ");
            if ("java.lang.AssertionError".equals(xi.getExceptionClassname()) && at >= 0) {
                violations.add(details.substring(at + JpfDriver.VIOLATION.length() + 1).strip());
            } else {
                text = xi.getExceptionClassname() + (details == null ? "" : ": " + details);
            }
        } else if (e != null) {
            text = e.getDescription();
        }
        if (text != null) {
            errors.add(text.replace('\n', ' '));
        }
        if (!errors.isEmpty() || (stopAfter > 0 && violations.size() >= stopAfter)) {
            search.terminate();
        }
    }

    @Override
    public void searchFinished(Search search) {
        if (out == null) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("newStates " + newStates + "\n");
            w.write("visitedStates " + visitedStates + "\n");
            w.write("backtracked " + backtracked + "\n");
            w.write("endStates " + endStates + "\n");
            w.write("maxDepth " + maxDepth + "\n");
            w.write("choicePoints " + choicePoints + "\n");
            w.write("seconds " + seconds + "\n");
            w.write("symmetry " + modelSymmetry + "\n");
            for (String c : constraints) {
                w.write("constraint " + c + "\n");
            }
            for (String v : violations) {
                w.write("violation " + v + "\n");
            }
            for (String d : duplicates) {
                w.write("duplicate " + d + "\n");
            }
            for (String c : lateClasses) {
                w.write("lateClass " + c + "\n");
            }
            for (String x : errors) {
                w.write("error " + x + "\n");
            }
            w.write("finished true\n");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
