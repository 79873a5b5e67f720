/**
 * Reports of a tdxcheck-result/1 document ({@link tdxcheck.reports.result.Result}), the single
 * source every report is rendered from.
 *
 * <ul>
 *   <li>{@link tdxcheck.reports.ReportWriter#writeAll(tdxcheck.reports.result.Result, java.nio.file.Path)}:
 *       everything into one directory (result.json, summary.md, report.html, traces/, lassos/),
 *       atomically per file and incrementally (call it after each finished run).</li>
 *   <li>{@link tdxcheck.reports.TextTraceRenderer}: mail-safe text traces (ASCII, at most 100 columns).</li>
 *   <li>{@link tdxcheck.reports.MarkdownSummaryRenderer}: the verdict matrix for CI and reviews.</li>
 *   <li>{@link tdxcheck.reports.HtmlReportRenderer}: the self-contained step-through explorer.</li>
 *   <li>{@link tdxcheck.reports.DotRenderer}: Graphviz DOT of a lasso.</li>
 *   <li>{@link tdxcheck.reports.ResultSchema}: the JSON Schema of the document.</li>
 * </ul>
 *
 * <p>Every file name of a counterexample comes from {@link tdxcheck.reports.ReportNames}:
 * {@code <scenario>__<policy>__<property>}.
 */
package tdxcheck.reports;
