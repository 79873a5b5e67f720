package tdxcheck.tdxenable.program;

/**
 * One instruction of an actor's program.
 *
 * @param kind     what it does
 * @param effect   the per-CPU effect (EACH_CPU, ON_CPU, HP_REGISTER, HP_REMOVE), else NONE
 * @param hp       the callback set (HP_REGISTER, HP_REMOVE), else null
 * @param ownLock  HP_REGISTER/HP_REMOVE: the call takes cpus_read_lock itself (cpuhp_setup_state,
 *                 _nocalls) rather than relying on the caller's (the _cpuslocked variants)
 * @param cond     JUMP_IF's condition, else null
 * @param target   JUMP/JUMP_IF's target index (resolved by {@link Program.Builder})
 * @param text     what a trace shows, in the kernel's words
 */
public record Op(OpKind kind, Effect effect, Callbacks hp, boolean ownLock, Cond cond, int target, String text) {
}
