package io.fupan.plugins.leadscoring;

import io.fupan.api.data.LeadRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shared customer-churn table (../shared/data/mlc_churn.csv, copied to src/test/resources/data) as leads: {@code state} becomes the
 * lead's region, every other column a custom attribute (kept as the text of the file: numeric strings),
 * and {@code churn} the outcome, yes = converted. Rows 4, 8, 12, … (every 4th data row, as the data
 * set's README) are the held-out rows: open leads whose labels training never sees.
 */
public final class ChurnData {

    /** One row as a lead, with its label kept aside. */
    public record Row(LeadRecord lead, boolean label, boolean heldOut) {}

    public static Path file() {
        String dir = System.getProperty("fupan.shared.data", "src/test/resources/data");
        return Path.of(dir, "mlc_churn.csv");
    }

    public static List<Row> read() throws IOException {
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        String[] header = split(lines.get(0));
        List<Row> rows = new ArrayList<>();
        OffsetDateTime created = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 1; i < lines.size(); i++) {
            String[] v = split(lines.get(i));
            Map<String, Object> custom = new LinkedHashMap<>();
            String state = null;
            boolean churn = false;
            for (int c = 0; c < header.length; c++) {
                switch (header[c]) {
                    case "state" -> state = v[c];
                    case "churn" -> churn = v[c].equals("yes");
                    default -> custom.put(header[c], v[c]);
                }
            }
            boolean heldOut = i % 4 == 0;
            String status = heldOut ? "new" : churn ? "converted" : "disqualified";
            UUID id = new UUID(0x5C0E_0000_0000_0000L, i);
            LeadRecord lead = new LeadRecord(id, "churn-" + i, "Customer " + i, null, null, null, null, state, null,
                    status, heldOut ? null : created.plusDays(30), null, null, custom, created, created);
            rows.add(new Row(lead, churn, heldOut));
        }
        return rows;
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            parts[i] = p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : p;
        }
        return parts;
    }

    private ChurnData() {}
}
