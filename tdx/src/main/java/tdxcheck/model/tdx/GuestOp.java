package tdxcheck.model.tdx;

/** One instruction of a guest script: touch a private GPA, accept it, or exit to the host. */
public record GuestOp(Kind kind, int gpa) {
    public enum Kind {
        /** A load/store to a private GPA: an EPT violation exit (counted for zero-step) if unmapped. */
        ACCESS,
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
        return new GuestOp(Kind.ACCESS, gpa);
    }

    public static GuestOp accept(int gpa) {
        return new GuestOp(Kind.ACCEPT, gpa);
    }

    public static GuestOp tdcallAccept(int gpa) {
        return new GuestOp(Kind.TDCALL_ACCEPT, gpa);
    }

    public static GuestOp exit() {
        return new GuestOp(Kind.EXIT, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ACCESS -> "access gpa" + gpa;
            case ACCEPT -> "accept gpa" + gpa;
            case TDCALL_ACCEPT -> "bare TDG.MEM.PAGE.ACCEPT gpa" + gpa;
            case EXIT -> "tdvmcall exit";
        };
    }
}
