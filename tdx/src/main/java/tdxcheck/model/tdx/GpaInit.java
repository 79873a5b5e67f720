package tdxcheck.model.tdx;

/** Initial state of a private GPA: not mapped, AUGed but not accepted, or mapped and accepted. */
public enum GpaInit {
    UNMAPPED, PENDING, MAPPED
}
