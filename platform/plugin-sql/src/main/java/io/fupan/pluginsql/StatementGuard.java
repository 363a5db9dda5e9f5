package io.fupan.pluginsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a plugin's SQL text may run: one data statement ({@code select}, {@code with},
 * {@code insert}, {@code update}, {@code delete}, {@code values}) that neither changes the session
 * (tenant, role, search path) nor reaches the server beyond the plugin's tables.
 *
 * <p>It reads the text as PostgreSQL's lexer does for what matters here: string constants (with
 * {@code E''} escapes), dollar quoting, quoted identifiers and comments (nested block comments) are
 * skipped over as units, so a keyword inside a string is no keyword, and a {@code ;} inside one is no
 * statement end. What it refuses:
 * <ul>
 *   <li>a second statement (any {@code ;} outside quotes, except one at the very end);</li>
 *   <li>a first word other than the data statements above;</li>
 *   <li>{@code into} anywhere but right after {@code insert} ({@code select … into} creates a table);</li>
 *   <li>functions that change settings or run SQL given as text, or reach files, large objects,
 *       other databases or other sessions: {@code set_config}, {@code current_setting},
 *       {@code pg_*}, {@code lo_*}, {@code dblink*}, {@code *_to_xml*}, {@code query_to_*},
 *       {@code cursor_to_*}, {@code txid_*}.</li>
 * </ul>
 * It is one of three fences; the others are the database role a statement runs as (it reaches the
 * plugin's schema only) and a check after each statement that tenant and role are still the ones
 * bound.
 */
public final class StatementGuard {

    private static final Set<String> FIRST = Set.of("select", "with", "insert", "update", "delete", "values");
    private static final Set<String> DENIED = Set.of("set_config", "current_setting", "dblink", "copy");
    private static final List<String> DENIED_PREFIXES = List.of("pg_", "lo_", "dblink", "query_to_", "cursor_to_", "txid_");

    private StatementGuard() {}

    /**
     * Checks {@code sql}.
     *
     * @throws IllegalArgumentException saying what is refused
     */
    public static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("the SQL statement is empty");
        }
        List<String> words = words(sql);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the SQL text holds no statement");
        }
        String first = words.get(0);
        if (!FIRST.contains(first)) {
            throw new IllegalArgumentException("a plugin statement is select, with, insert, update, delete or values;"
                    + " this one starts with '" + first + "'");
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(";")) {
                throw new IllegalArgumentException("one statement per call: the text holds a ';' before its end");
            }
            if (w.equals("into") && (i == 0 || !words.get(i - 1).equals("insert"))) {
                throw new IllegalArgumentException("'into' only follows 'insert' (select … into would create a table)");
            }
            if (DENIED.contains(w) || DENIED_PREFIXES.stream().anyMatch(w::startsWith) || w.contains("_to_xml")) {
                throw new IllegalArgumentException("'" + w + "' is not available to plugin statements");
            }
        }
    }

    /**
     * The words of {@code sql} in lower case (unquoted identifiers and keywords; quoted identifiers as
     * written), with {@code ;} as a word of its own, and nothing of strings and comments. A trailing
     * {@code ;} (and what follows it, if only blanks and comments) is dropped.
     */
    static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                        && (i < 2 || !isWordChar(sql.charAt(i - 2)));
                if (escapes && !out.isEmpty() && out.get(out.size() - 1).equals("e")) {
                    out.remove(out.size() - 1); // the E of E'…' is no word
                }
                i = skipString(sql, i, escapes);
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == '"') {
                    end = sql.indexOf('"', end + 2);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("the SQL text has an unterminated quoted identifier");
                }
                out.add(sql.substring(i + 1, end).replace("\"\"", "\""));
                i = end + 1;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) {
                    throw new IllegalArgumentException("the SQL text has an unterminated dollar-quoted string");
                }
                i = end + tag.length();
            } else if (c == ';') {
                out.add(";");
                i++;
            } else if (isWordStart(c)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                out.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1).equals(";")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("the SQL text has an unterminated comment");
    }

    private static int skipString(String sql, int i, boolean escapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("the SQL text has an unterminated string constant");
    }

    /** The tag ({@code $$} or {@code $name$}) starting at {@code i}, or null when {@code $} starts no tag ({@code $1}). */
    private static String dollarTag(String sql, int i) {
        if (i > 0 && isWordChar(sql.charAt(i - 1))) {
            return null; // part of an identifier such as a$b
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
