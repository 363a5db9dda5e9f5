package io.fupan.plugins.review;

import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.StageEntryRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.testkit.plugin.PluginHarness;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fixture that src/test/expected/compute_expected.py wrote (review-fixture/*.csv, IMPORT.md
 * columns) as the records a harness serves: users for the owners, opportunities, stage history.
 */
final class Fixture {

    final Map<String, UserRecord> users = new LinkedHashMap<>();
    final Map<String, OpportunityRecord> opportunities = new LinkedHashMap<>();
    final List<StageEntryRecord> history = new ArrayList<>();
    final List<ActivityRecord> activities = new ArrayList<>();

    static Fixture load() throws IOException {
        // (opportunities first: activities name them)
        Fixture f = new Fixture();
        Map<String, List<String[]>> entries = new LinkedHashMap<>();
        for (String[] h : rows("stage-history.csv")) {
            entries.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h);
        }
        for (String[] r : rows("opportunities.csv")) {
            // external_id,name,owner,amount,currency,channel,industry,region,created_at,closed_at,stage,product_line
            UserRecord owner = f.users.computeIfAbsent(r[2], name -> new UserRecord(
                    UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), name, name, name, null, true));
            UUID id = UUID.nameUUIDFromBytes(r[0].getBytes(StandardCharsets.UTF_8));
            List<String[]> hs = entries.getOrDefault(r[0], List.of());
            OffsetDateTime created = OffsetDateTime.parse(r[8]);
            OffsetDateTime lastEntry = hs.isEmpty() ? created : OffsetDateTime.parse(hs.get(hs.size() - 1)[2]);
            f.opportunities.put(r[0], new OpportunityRecord(id, r[0], r[1], null, owner.id(), new BigDecimal(r[3]), r[4],
                    blank(r[5]), blank(r[6]), blank(r[7]), r[10], lastEntry, null,
                    r[9].isEmpty() ? null : OffsetDateTime.parse(r[9]), null,
                    r[11].isEmpty() ? Map.of() : Map.of("product_line", r[11]), created, lastEntry));
            for (String[] h : hs) {
                f.history.add(new StageEntryRecord(UUID.nameUUIDFromBytes((h[0] + h[1] + h[2]).getBytes(StandardCharsets.UTF_8)),
                        id, h[1], OffsetDateTime.parse(h[2]), null));
            }
        }
        for (String[] a : rows("activities.csv")) { // external_id, opportunity, type, occurred_at
            OffsetDateTime at = OffsetDateTime.parse(a[3]);
            f.activities.add(new ActivityRecord(UUID.nameUUIDFromBytes(a[0].getBytes(StandardCharsets.UTF_8)), a[0], a[2], at,
                    null, null, null, f.opportunities.get(a[1]).id(), null, at));
        }
        return f;
    }

    PluginHarness into(PluginHarness h) {
        users.values().forEach(h::user);
        opportunities.values().forEach(h::opportunity);
        history.forEach(h::stageEntry);
        activities.forEach(h::activity);
        return h;
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    /** The data rows of a fixture CSV (the fixture has no quoted fields: the script writes none). */
    static List<String[]> rows(String file) throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream("/review-fixture/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            String[] lines = text.split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    out.add(lines[i].split(",", -1));
                }
            }
            return out;
        }
    }
}
