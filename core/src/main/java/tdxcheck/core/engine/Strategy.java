package tdxcheck.core.engine;

/** Search order. BFS finds shortest counterexamples and can use several threads; DFS is single-threaded. */
public enum Strategy {
    BFS, DFS
}
