package tdxcheck.reports;

import java.util.ArrayList;
import java.util.List;

/** ASCII-only, width-bounded lines for text that gets pasted into mail. */
final class TextLayout {
    private TextLayout() {
    }

    /** Replaces every character outside printable ASCII by a \\uXXXX escape (tabs become a space). */
    static String ascii(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 0x20 && c < 0x7f;
            if (ok && b == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (ok) {
                b.append(c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                b.append(' ');
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    static String padLeft(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        return " ".repeat(width - s.length()) + s;
    }

    /**
     * Lays {@code items} out as {@code first + item1 + sep + item2 ...}, starting a continuation
     * line (indented by {@code indent} spaces) whenever the next item would pass {@code width};
     * an item too long for any line is split.
     */
    static List<String> wrap(String first, int indent, List<String> items, String sep, int width) {
        List<String> out = new ArrayList<>();
        String contPrefix = " ".repeat(indent);
        StringBuilder line = new StringBuilder(first);
        boolean lineHasItem = false;
        for (int i = 0; i < items.size(); i++) {
            String item = ascii(items.get(i)) + (i < items.size() - 1 ? sep.stripTrailing() : "");
            String gap = lineHasItem ? " ".repeat(sep.length() - sep.stripTrailing().length()) : "";
            if (lineHasItem && line.length() + gap.length() + item.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(contPrefix);
                lineHasItem = false;
                gap = "";
            }
            line.append(gap);
            String rest = item;
            while (line.length() + rest.length() > width) {
                int room = Math.max(1, width - line.length());
                line.append(rest, 0, room);
                out.add(line.toString());
                line = new StringBuilder(contPrefix);
                rest = rest.substring(room);
            }
            line.append(rest);
            lineHasItem = true;
        }
        out.add(line.toString());
        return out;
    }

    /** Wraps free text at spaces. */
    static List<String> wrapWords(String first, int indent, String text, int width) {
        List<String> words = new ArrayList<>();
        for (String w : ascii(text).split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return wrap(first, indent, words, " ", width);
    }

    /** Last-resort guard: any line over {@code width} is split, continuation indented. */
    static List<String> bound(List<String> lines, int width, int indent) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            String s = ascii(l);
            String cont = " ".repeat(Math.min(indent, width / 2));
            while (s.length() > width) {
                out.add(s.substring(0, width));
                s = cont + s.substring(width);
            }
            out.add(s);
        }
        return out;
    }
}
