package tdxcheck.model.tdx;

/**
 * One instruction of a guest script: touch a private GPA (or several at one RIP), accept it, or
 * exit to the host. {@code gpas} is the set of GPAs the instruction touches (bit g = gpa g);
 * {@code gpa} is the lowest of them.
 */
public record GuestOp(Kind kind, int gpa, int gpas) {
    public enum Kind {
        /** A load/store to a private GPA: an EPT violation exit (counted for zero-step) if unmapped. */
        ACCESS,
        /**
         * One instruction touching several private GPAs (a string op, a page-table walk): each
         * missing page is its own EPT-violation exit at the same RIP, so the zero-step counter,
         * which compares RIP only, counts them all (tdx-facts §6f; td_exit_stepping.c, TDX module
         * 1.5.01 @72d8cff). The RIP advances only when every page is there.
         */
        ACCESS_MANY,
        /** TDG.MEM.PAGE.ACCEPT: takes the S-EPT entry lock guest-side; its EPT exits are not counted. */
        ACCEPT,
        /**
         * A bare TDG.MEM.PAGE.ACCEPT that does not claim the page in accept_memory()'s unaccepted
         * bitmap (e.g. a conversion path racing accept_memory() in a buggy guest): two vCPUs can then
         * ACCEPT one page at once, which exercises the entry lock's host-priority bit (tdx-facts §8.2).
         */
        TDCALL_ACCEPT,
        /** A voluntary exit (TDVMCALL, HLT): the host handles it and re-enters. */
        EXIT
    }

    public static GuestOp access(int gpa) {
        return new GuestOp(Kind.ACCESS, gpa, 1 << gpa);
    }

    public static GuestOp accept(int gpa) {
        return new GuestOp(Kind.ACCEPT, gpa, 1 << gpa);
    }

    public static GuestOp tdcallAccept(int gpa) {
        return new GuestOp(Kind.TDCALL_ACCEPT, gpa, 1 << gpa);
    }

    /** One instruction touching every GPA in {@code mask} (bit g = gpa g), lowest first. */
    public static GuestOp accessMany(int mask) {
        return new GuestOp(Kind.ACCESS_MANY, Integer.numberOfTrailingZeros(mask), mask);
    }

    public static GuestOp exit() {
        return new GuestOp(Kind.EXIT, 0, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ACCESS -> "access gpa" + gpa;
            case ACCESS_MANY -> "one instruction: access gpa" + gpa + ".." + (31 - Integer.numberOfLeadingZeros(gpas));
            case ACCEPT -> "accept gpa" + gpa;
            case TDCALL_ACCEPT -> "bare TDG.MEM.PAGE.ACCEPT gpa" + gpa;
            case EXIT -> "tdvmcall exit";
        };
    }
}
