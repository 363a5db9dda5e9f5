package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.importer.ImportResult.LineError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of the file, read column by column. Each reader method returns the typed value, or
 * null (empty, or not parseable: then an error names the column and the reason).
 */
final class Row {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int[] OFFSET_DIGITS = {2, 4, 5}; // hh, hhmm, hh:mm
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final long line;
    private final List<String> values;
    private final Map<String, Integer> columns;
    private final ZoneId zone;
    private final List<LineError> errors = new ArrayList<>();

    Row(long line, List<String> values, Map<String, Integer> columns, ZoneId zone) {
        this.line = line;
        this.values = values;
        this.columns = columns;
        this.zone = zone;
    }

    long line() { return line; }

    List<LineError> errors() { return errors; }
    boolean valid() { return errors.isEmpty(); }

    void error(String column, String message) {
        errors.add(new LineError(line, column, message));
    }

    /** Whether the file has this column at all (an absent column leaves the field as it is). */
    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The trimmed text, or null when empty or absent; longer than {@code max} is an error. */
    String text(String column, int max) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = values.get(index).strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            error(column, Messages.get("import.row.nul"));
            return null;
        }
        if (value.length() > max) {
            error(column, Messages.get("import.row.tooLong", String.valueOf(max)));
            return null;
        }
        return value;
    }

    String required(String column, int max) {
        String value = text(column, max);
        if (value == null && has(column) && !failed(column)) {
            error(column, Messages.get("import.row.required"));
        }
        return value;
    }

    String oneOf(String column, Set<String> allowed) {
        String value = text(column, 100);
        if (value != null && !allowed.contains(value)) {
            error(column, Messages.get("import.row.oneOf", String.join(", ", allowed), value));
            return null;
        }
        return value;
    }

    Integer integer(String column) {
        String value = text(column, 20);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            error(column, Messages.get("import.row.integer", value));
            return null;
        }
    }

    /** A decimal with '.' and at most 2 decimals (money), below 10^18. */
    BigDecimal amount(String column) {
        String value = text(column, 40);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.scale() > 2 || amount.abs().compareTo(BigDecimal.TEN.pow(18)) >= 0) {
                error(column, Messages.get("import.row.amountRange", value));
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            error(column, Messages.get("import.row.decimal", value));
            return null;
        }
    }

    /**
     * An ISO-8601 time with offset, or without (then in the tenant's zone), or a bare date: the
     * start of that day in the tenant's time zone. Always returned in UTC.
     */
    OffsetDateTime time(String column) {
        String value = text(column, 40);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10 && DATE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            }
            if (hasOffset(value)) {
                OffsetDateTime fast = isoOffsetTime(value);
                return (fast != null ? fast : OffsetDateTime.parse(value)).withOffsetSameInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            error(column, Messages.get("import.row.time", value));
            return null;
        }
    }

    /**
     * The common shape of an ISO-8601 time with offset — {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)}
     * — read without the general parser (which was most of the time spent staging a file of stage
     * history); null for any other shape or an impossible value, which the general parser then reads
     * or refuses.
     */
    static OffsetDateTime isoOffsetTime(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4), month = digits(v, 5, 2), day = digits(v, 8, 2);
        int hour = digits(v, 11, 2), minute = digits(v, 14, 2), second = digits(v, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19, nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                nanos = nanos * 10 + (v.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && (v.charAt(i) == 'Z' || v.charAt(i) == 'z')) {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int h = digits(v, i + 1, 2), m = digits(v, i + 4, 2);
            if ((h | m) < 0 || h > 18 || m > 59) {
                return null;
            }
            int total = h * 3600 + m * 60;
            offset = ZoneOffset.ofTotalSeconds(v.charAt(i) == '-' ? -total : total);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String v, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether an ISO-8601 time ends with an offset: Z, or ±hh, ±hhmm, ±hh:mm after the time of day. */
    static boolean hasOffset(String value) {
        int n = value.length();
        char last = value.charAt(n - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        for (int digits : OFFSET_DIGITS) {
            int sign = n - digits - 1;
            if (sign > 10 && (value.charAt(sign) == '+' || value.charAt(sign) == '-') && offsetDigits(value, sign + 1, digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean offsetDigits(String value, int from, int length) {
        for (int i = 0; i < length; i++) {
            char c = value.charAt(from + i);
            if (!(c >= '0' && c <= '9' || c == ':' && length == 5 && i == 2)) {
                return false;
            }
        }
        return true;
    }

    OffsetDateTime requiredTime(String column) {
        OffsetDateTime value = time(column);
        if (value == null && !failed(column)) {
            error(column, Messages.get("import.row.required"));
        }
        return value;
    }

    /** The raw trimmed value of any column (custom attributes), or null. */
    String raw(String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = values.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    BigDecimal requiredAmount(String column) {
        BigDecimal value = amount(column);
        if (value == null && !failed(column)) {
            error(column, Messages.get("import.row.required"));
        }
        return value;
    }

    /** An ISO 4217 currency code, or null. */
    String currency(String column) {
        String code = text(column, 3);
        if (code == null) {
            return null;
        }
        try {
            if (code.equals(java.util.Currency.getInstance(code).getCurrencyCode())) {
                return code;
            }
        } catch (IllegalArgumentException e) {
            // not a code
        }
        error(column, Messages.get("import.row.currency", code));
        return null;
    }

    /** A user name (an e-mail address), lower-cased, or null. */
    String owner(String column) {
        String name = text(column, 320);
        if (name == null) {
            return null;
        }
        String username = name.toLowerCase(java.util.Locale.ROOT);
        if (!EMAIL.matcher(username).matches()) {
            error(column, Messages.get("import.row.owner", name));
            return null;
        }
        return username;
    }

    boolean failed(String column) {
        return errors.stream().anyMatch(e -> column.equals(e.column()));
    }
}
