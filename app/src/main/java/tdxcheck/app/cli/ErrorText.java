package tdxcheck.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tdxcheck.app.suite.Suggest;

/**
 * The last pass over every one-line error the CLI prints: a user reads words, not Java. Exception
 * class names become what they mean ("NoSuchFileException" -> "no such file"), JSON parser detail
 * (token positions, reference chains, feature names) is cut, and an unknown id gets the nearest
 * known one ("unknown scenario 'frozen-spte-rac'; did you mean 'frozen-spte-race'?").
 */
final class ErrorText {
    private static final Map<String, String> EXCEPTIONS = Map.of(
            "NoSuchFileException", "no such file",
            "AccessDeniedException", "permission denied",
            "NotDirectoryException", "not a directory",
            "FileAlreadyExistsException", "file exists",
            "DirectoryNotEmptyException", "directory not empty",
            "MalformedInputException", "not UTF-8 text",
            "UnmappableCharacterException", "not UTF-8 text",
            "FileSystemException", "file system error",
            "EOFException", "unexpected end of file");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z]\\w*\\.)*([A-Z]\\w*(?:Exception|Error))\\b:?\\s*");
    private static final Pattern UNKNOWN_ID = Pattern.compile("unknown ([\\w -]+) '([^']*)' \\(known: ([^)]*)\\)");
    /** Jackson's detail: "(through reference chain: ...)", "at [Source: ...]", "(for Object starting at ...)". */
    private static final Pattern JSON_DETAIL = Pattern.compile("\\s*(\\(through reference chain:[^)]*\\)|at \\[Source:.*$"
            + "|\\(for \\w+ starting at[^)]*\\)|:? ?was expecting \\([^)]*\\)|\\(or [^)]*Feature[^)]*\\)|;? ?(?:disable|enable) [\\w.]*Feature\\.\\w+[^.;]*)");
    private static final Pattern FEATURE = Pattern.compile("\\b\\w*Feature\\.(\\w+)");

    private ErrorText() {
    }

    static String clean(String line) {
        String s = line;
        Matcher m = CLASS_NAME.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String plain = EXCEPTIONS.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(plain == null ? "" : plain + " "));
        }
        m.appendTail(b);
        s = JSON_DETAIL.matcher(b.toString()).replaceAll("");
        s = FEATURE.matcher(s).replaceAll("a strict JSON reading");
        s = s.replace("Unrecognized token", "unexpected text").replace("Unrecognized field", "unknown field");
        return withSuggestion(s.replaceAll("\\s+", " ").replaceAll(" ([:,;)])", "$1").strip());
    }

    /** "unknown X 'id' (known: a, b)" -> "unknown X 'id'; did you mean 'a'? (known: a, b)". */
    static String withSuggestion(String s) {
        Matcher m = UNKNOWN_ID.matcher(s);
        if (!m.find()) {
            return s;
        }
        List<String> known = Arrays.stream(m.group(3).split(",")).map(String::strip).toList();
        String near = Suggest.nearest(m.group(2), known);
        if (near == null || near.equals(m.group(2))) {
            return s;
        }
        return s.substring(0, m.start()) + "unknown " + m.group(1) + " '" + m.group(2) + "'; did you mean '" + near
                + "'? (known: " + m.group(3) + ")" + s.substring(m.end());
    }
}
