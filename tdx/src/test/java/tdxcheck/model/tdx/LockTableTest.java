package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One assertion per (acquiring, holding) pair of SEAMCALLs: do they contend, and on which
 * operand. The expected matrix is written by hand from seed 004's table (Yan Zhao, 14 Sep 2024):
 * (5) TDCS epoch: VP.ENTER shared, TRACK exclusive; (6) secure_ept_lock: SEPT.ADD, PAGE.AUG,
 * PAGE.REMOVE shared, VP.ENTER (zero-step), SEPT.REMOVE, RANGE.BLOCK, RANGE.UNBLOCK exclusive;
 * (7) S-EPT entry: every mem SEAMCALL and TDG.MEM.PAGE.ACCEPT; and tdx-facts §2's module order
 * (epoch, then tree, then entry) for which operand a failure names.
 */
class LockTableTest {
    /** Column/row order; "VP.ENTER/zs" is TDH.VP.ENTER in zero-step mode. */
    private static final List<String> CALLS = List.of("VP.ENTER", "VP.ENTER/zs", "TRACK", "SEPT.ADD", "PAGE.AUG",
            "PAGE.REMOVE", "RANGE.BLOCK", "RANGE.UNBLOCK", "SEPT.REMOVE", "ACCEPT");

    // rows: the call being acquired; columns: the call holding its locks; same S-EPT entry.
    // E = BUSY|TD_EPOCH, T = BUSY|SEPT_TREE, R = BUSY|RCX, . = no contention
    private static final String[] SAME_ENTRY = {
        //           ENT ENz TRK ADD AUG REM BLK UNB SRM ACC
        /* ENTER  */ ".   .   E   .   .   .   .   .   .   .",
        /* ENT/zs */ ".   T   E   T   T   T   T   T   T   .",
        /* TRACK  */ "E   E   E   .   .   .   .   .   .   .",
        /* ADD    */ ".   T   .   R   R   R   T   T   T   R",
        /* AUG    */ ".   T   .   R   R   R   T   T   T   R",
        /* REMOVE */ ".   T   .   R   R   R   T   T   T   R",
        /* BLOCK  */ ".   T   .   T   T   T   T   T   T   R",
        /* UNBLK  */ ".   T   .   T   T   T   T   T   T   R",
        /* SEPTRM */ ".   T   .   T   T   T   T   T   T   R",
        /* ACCEPT */ ".   .   .   R   R   R   R   R   R   R",
    };

    private static Seamcall call(int i) {
        return switch (CALLS.get(i)) {
            case "VP.ENTER", "VP.ENTER/zs" -> Seamcall.VP_ENTER;
            case "TRACK" -> Seamcall.MEM_TRACK;
            case "SEPT.ADD" -> Seamcall.MEM_SEPT_ADD;
            case "PAGE.AUG" -> Seamcall.MEM_PAGE_AUG;
            case "PAGE.REMOVE" -> Seamcall.MEM_PAGE_REMOVE;
            case "RANGE.BLOCK" -> Seamcall.MEM_RANGE_BLOCK;
            case "RANGE.UNBLOCK" -> Seamcall.MEM_RANGE_UNBLOCK;
            case "SEPT.REMOVE" -> Seamcall.MEM_SEPT_REMOVE;
            default -> Seamcall.MEM_PAGE_ACCEPT;
        };
    }

    private static Outcome expected(char ch) {
        return switch (ch) {
            case 'E' -> Outcome.BUSY_TD_EPOCH;
            case 'T' -> Outcome.BUSY_SEPT_TREE;
            case 'R' -> Outcome.BUSY_RCX;
            default -> Outcome.LOCKS_TAKEN;
        };
    }

    @Test
    void everyPairOnTheSameEntryMatchesSeed004() {
        int checked = 0;
        for (int a = 0; a < CALLS.size(); a++) {
            String[] cells = SAME_ENTRY[a].trim().split("\\s+");
            assertEquals(CALLS.size(), cells.length, "row " + CALLS.get(a));
            for (int h = 0; h < CALLS.size(); h++) {
                Outcome got = LockTable.contend(call(h), h == 1, call(a), a == 1, true);
                assertEquals(expected(cells[h].charAt(0)), got,
                        CALLS.get(a) + " acquiring while " + CALLS.get(h) + " holds (same entry)");
                checked++;
            }
        }
        assertEquals(100, checked);
    }

    @Test
    void onDifferentEntriesOnlyTheEpochAndTreeContend() {
        for (int a = 0; a < CALLS.size(); a++) {
            String[] cells = SAME_ENTRY[a].trim().split("\\s+");
            for (int h = 0; h < CALLS.size(); h++) {
                Outcome same = expected(cells[h].charAt(0));
                Outcome want = same == Outcome.BUSY_RCX ? Outcome.LOCKS_TAKEN : same;
                assertEquals(want, LockTable.contend(call(h), h == 1, call(a), a == 1, false),
                        CALLS.get(a) + " vs " + CALLS.get(h) + " (different entries)");
            }
        }
    }

    @Test
    void tableRowsMirrorTheSeedColumns() {
        assertEquals(LockMode.SHARED, LockTable.row(Seamcall.VP_ENTER).epoch());
        assertEquals(LockMode.NONE, LockTable.row(Seamcall.VP_ENTER).tree());
        assertEquals(LockMode.EXCLUSIVE, LockTable.row(Seamcall.VP_ENTER).treeInZeroStep());
        assertEquals(LockMode.EXCLUSIVE, LockTable.row(Seamcall.MEM_TRACK).epoch());
        assertEquals(LockMode.EXCLUSIVE, LockTable.row(Seamcall.MEM_RANGE_BLOCK).tree());
        assertEquals(LockMode.SHARED, LockTable.row(Seamcall.MEM_PAGE_REMOVE).tree());
        assertEquals(false, LockTable.row(Seamcall.MEM_TRACK).entry());
        assertEquals(true, LockTable.row(Seamcall.MEM_PAGE_ACCEPT).entry());
        assertEquals(Seamcall.values().length, LockTable.ROWS.size());
    }

    /** The seed's three tables as columns: epoch, tree, tree in zero-step mode (S shared, X exclusive, - none), entry. */
    private static final String[] ROWS = {
        "TDH.VP.ENTER          S - X no",
        "TDH.MEM.TRACK         X - - no",
        "TDH.MEM.SEPT.ADD      - S S yes",
        "TDH.MEM.PAGE.AUG      - S S yes",
        "TDH.MEM.PAGE.REMOVE   - S S yes",
        "TDH.MEM.RANGE.BLOCK   - X X yes",
        "TDH.MEM.RANGE.UNBLOCK - X X yes",
        "TDH.MEM.SEPT.REMOVE   - X X yes",
        "TDG.MEM.PAGE.ACCEPT   - - - yes",
        // tdx-facts §7a.1 (tdh_mem_page_demote.c): tree shared, then the 2M leaf entry's host lock
        "TDH.MEM.PAGE.DEMOTE   - S S yes",
    };

    private static LockMode mode(String m) {
        return switch (m) {
            case "S" -> LockMode.SHARED;
            case "X" -> LockMode.EXCLUSIVE;
            default -> LockMode.NONE;
        };
    }

    @Test
    void everyRowIsTheSeedsAndTheLockClassesReadIt() {
        assertEquals(ROWS.length, LockTable.ROWS.size());
        for (int i = 0; i < ROWS.length; i++) {
            String[] f = ROWS[i].split("\\s+");
            Seamcall call = Seamcall.values()[i];
            assertEquals(f[0], call.abiName());
            LockTable.Row want = new LockTable.Row(call, mode(f[1]), mode(f[2]), mode(f[3]), f[4].equals("yes"));
            assertEquals(want, LockTable.row(call), f[0]);
            assertEquals(want, LockTable.ROWS.get(i), f[0]);
            assertEquals(want.epoch(), TdEpochLock.mode(call), f[0]);
            assertEquals(want.tree(), SecureEptLock.mode(call, false), f[0]);
            assertEquals(want.treeInZeroStep(), SecureEptLock.mode(call, true), f[0]);
            assertEquals(want.entry(), SeptEntryLock.taken(call), f[0]);
        }
    }

    @Test
    void sharexConflictsAsTheModulesTryLock() {
        // tdx_locks.h (tdx-facts §2): shared fails only against exclusive; exclusive fails against any holder.
        String expected = "NONE/NONE=false NONE/SHARED=false NONE/EXCLUSIVE=false SHARED/NONE=false SHARED/SHARED=false "
                + "SHARED/EXCLUSIVE=true EXCLUSIVE/NONE=false EXCLUSIVE/SHARED=true EXCLUSIVE/EXCLUSIVE=true";
        StringBuilder got = new StringBuilder();
        for (LockMode a : LockMode.values()) {
            for (LockMode h : LockMode.values()) {
                got.append(got.length() == 0 ? "" : " ").append(a).append('/').append(h).append('=')
                        .append(a.conflictsWith(h));
            }
        }
        assertEquals(expected, got.toString());
    }

    @Test
    void guestLosesToHostPriority() {
        assertEquals(Outcome.BUSY_HOST_PRIORITY_RCX, SeptEntryLock.tryLock(true, false, true));
        assertEquals(Outcome.LOCKS_TAKEN, SeptEntryLock.tryLock(false, false, true));
        assertEquals(Outcome.BUSY_RCX, SeptEntryLock.tryLock(true, true, false));
        assertEquals(Outcome.BUSY_RCX, SeptEntryLock.tryLock(false, true, true));
        assertEquals(Outcome.LOCKS_TAKEN, SeptEntryLock.tryLock(true, false, false));
        assertEquals(Outcome.LOCKS_TAKEN, SeptEntryLock.tryLock(false, false, false));
    }

    @Test
    void busyEncodingsAreTheModuleValues() {
        assertEquals(0x80000200000000A9L, Outcome.BUSY_TD_EPOCH.code());
        assertEquals(0x8000020000000092L, Outcome.BUSY_SEPT_TREE.code());
        assertEquals(0x8000020000000001L, Outcome.BUSY_RCX.code());
        assertEquals(true, Outcome.BUSY_RCX.operandBusy());
        // KVM's tdx_operand_busy() does not match PREVIOUS_TLB_EPOCH_BUSY: the zap treats it as a bug.
        assertEquals(false, Outcome.PREVIOUS_TLB_EPOCH_BUSY.operandBusy());
    }
}
