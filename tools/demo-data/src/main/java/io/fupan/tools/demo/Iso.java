package io.fupan.tools.demo;

/**
 * Times as IMPORT.md wants them ({@code 2025-03-01T09:30:00+08:00}), written without
 * java.time's formatter: the benchmark profile writes millions of them.
 */
final class Iso {

    static final long DAY = 86_400;
    static final long HOUR = 3_600;

    private Iso() {
    }

    /** Appends epoch second {@code t} as local time at {@code offset} seconds east of UTC, with the offset. */
    static void append(StringBuilder out, long t, int offset) {
        long local = t + offset;
        long days = Math.floorDiv(local, DAY);
        int secs = (int) Math.floorMod(local, DAY);
        // civil_from_days (H. Hinnant)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        four(out, (int) y);
        out.append('-');
        two(out, m);
        out.append('-');
        two(out, d);
        out.append('T');
        two(out, secs / 3600);
        out.append(':');
        two(out, secs / 60 % 60);
        out.append(':');
        two(out, secs % 60);
        if (offset == 0) {
            out.append('Z');
        } else {
            out.append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset) / 60;
            two(out, abs / 60);
            out.append(':');
            two(out, abs % 60);
        }
    }

    static String format(long t, int offset) {
        StringBuilder out = new StringBuilder(25);
        append(out, t, offset);
        return out.toString();
    }

    /** Day of week of a local epoch day, Monday = 0. */
    static int dayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7);
    }

    private static void two(StringBuilder out, int v) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void four(StringBuilder out, int v) {
        out.append((char) ('0' + v / 1000)).append((char) ('0' + v / 100 % 10)).append((char) ('0' + v / 10 % 10))
                .append((char) ('0' + v % 10));
    }
}
