package io.fupan.tools.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Command line: {@code --profile acme|lumen|bench --seed N --out DIR --opportunities N
 * --reference-date YYYY-MM-DD}. Prints one line per file written (rows, bytes) and the time taken.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String profile = "acme";
        long seed = 42;
        Path out = null;
        int opportunities = 0;
        LocalDate reference = LocalDate.now(ZoneOffset.UTC);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.equals("--help") || name.equals("-h")) {
                    usage(null);
                    return;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        usage(name + " needs a value");
                        return;
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--profile": profile = value.toLowerCase(Locale.ROOT); break;
                    case "--seed": seed = Long.parseLong(value); break;
                    case "--out": out = Path.of(value); break;
                    case "--opportunities": opportunities = Integer.parseInt(value.replace("_", "")); break;
                    case "--reference-date": reference = LocalDate.parse(value); break;
                    default:
                        usage("unknown option " + name);
                        return;
                }
            }
            Profile p = Profile.named(profile, opportunities);
            if (out == null) {
                out = Path.of("target", "demo-data", p.name());
            }
            long t0 = System.nanoTime();
            List<DemoData.Written> files = DemoData.generate(p, seed, reference, out);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "demo-data: profile %s, seed %d, year before %s, into %s%n", p.name(), seed,
                    reference, out.toAbsolutePath());
            long rows = 0;
            for (DemoData.Written f : files) {
                System.out.printf(Locale.ROOT, "  %-18s %,12d rows %,15d bytes%n", f.kind().fileName(), f.rows(), f.bytes());
                rows += f.rows();
            }
            System.out.printf(Locale.ROOT, "  %,d rows in %.1f s (%,.0f rows/s)%n", rows, seconds, rows / seconds);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            usage(e.getMessage());
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("demo-data: " + problem);
        }
        System.err.println("usage: generate [--profile acme|lumen|bench] [--seed 42] [--out DIR] [--opportunities N]"
                + " [--reference-date YYYY-MM-DD (default today, UTC)]");
        if (problem != null) {
            System.exit(2);
        }
    }
}
