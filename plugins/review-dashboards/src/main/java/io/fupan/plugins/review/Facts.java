package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.data.CurrencyTable;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.StageEntryRecord;
import io.fupan.api.storage.PluginTables;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The plugin's facts about opportunities (tables rd_opportunity, rd_stage_entry, rd_entry_week):
 * built from the core records once (a backfill, read in chunks) and then kept from events, each event
 * recomputing its opportunity from the record and its stage history as they are now, so that a
 * redelivered or late event changes nothing.
 *
 * <p>Invariant of the week roll-up: rd_entry_week.entries is the number of rd_stage_entry rows of that
 * week and stage, and rd_entry_week.amount the sum of their opportunities' amounts in rd_opportunity.
 */
final class Facts {

    static final String UPSERT_OPPORTUNITY = "insert into rd_opportunity (opportunity_id, owner_id, account_id, "
            + "industry, region, channel, created_at, closed_at, outcome, max_pos, stage, stage_entered_at, amount, "
            + "currency, cycle_days, win_days, product_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "on conflict on constraint rd_opportunity_pkey do update set owner_id = excluded.owner_id, "
            + "account_id = excluded.account_id, industry = excluded.industry, region = excluded.region, "
            + "channel = excluded.channel, created_at = excluded.created_at, closed_at = excluded.closed_at, "
            + "outcome = excluded.outcome, max_pos = excluded.max_pos, stage = excluded.stage, "
            + "stage_entered_at = excluded.stage_entered_at, amount = excluded.amount, currency = excluded.currency, "
            + "cycle_days = excluded.cycle_days, win_days = excluded.win_days, product_line = excluded.product_line";

    private static final String INSERT_ENTRY = "insert into rd_stage_entry (opportunity_id, seq, stage, entered_at, "
            + "left_at, week, pos) values (?, ?, ?, ?, ?, ?, ?) on conflict on constraint rd_stage_entry_pkey do nothing";

    private final PluginContext context;

    Facts(PluginContext context) {
        this.context = context;
    }

    ZoneId zone() {
        return ZoneId.of(context.tenant().timeZone());
    }

    /** Monday of the week of {@code t} in the tenant's time zone. */
    static LocalDate week(OffsetDateTime t, ZoneId zone) {
        return t.atZoneSameInstant(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Fractional days from {@code from} to {@code to}. */
    static double days(OffsetDateTime from, OffsetDateTime to) {
        Duration d = Duration.between(from, to);
        return (d.getSeconds() + d.getNano() / 1e9) / 86_400.0;
    }

    /**
     * The row of rd_opportunity for {@code o}, its furthest position given by the history's, and the
     * time of its first entry into a won stage ({@code firstWon}, null when the history has none).
     * The sales cycle (METRICS.md) runs to closed_at; the win cycle to the first win (closed_at without one).
     */
    static Object[] opportunityRow(OpportunityRecord o, StageOrder order, int historyMax, OffsetDateTime firstWon,
                                   CurrencyTable fx, String productLineAttribute) {
        int outcome = order.outcome(o.stage());
        int maxPos = Math.max(historyMax, order.position(o.stage()));
        OffsetDateTime closed = o.closedAt() != null ? o.closedAt() : outcome == 0 ? null : o.stageEnteredAt();
        Double cycle = outcome == 1 && closed != null ? days(o.createdAt(), closed) : null;
        OffsetDateTime won = firstWon != null ? firstWon : closed;
        Double win = outcome == 1 && won != null ? days(o.createdAt(), won) : null;
        return new Object[] {o.id(), o.ownerId(), o.accountId(), o.industry(), o.region(), o.channel(), o.createdAt(),
                closed, (short) outcome, (short) maxPos, o.stage(), o.stageEnteredAt(), amount(o, fx), o.currency(), cycle, win,
                productLine(o, productLineAttribute)};
    }

    /** The opportunity's product line (METRICS.md "Cohort"): its custom attribute named by the config, as text. */
    static String productLine(OpportunityRecord o, String attribute) {
        Object v = o.custom() == null ? null : o.custom().get(attribute);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }

    /**
     * The opportunity's amount in the tenant's currency (METRICS.md: totals across currencies use the
     * tenant's conversion table): converted with the table the facts were built with, to the cent; null,
     * so counted in no sum, when the table has no rate for its currency.
     */
    /** The custom attribute that holds an opportunity's product line (config {@code productLineAttribute}). */
    String productLineAttribute() {
        return context.config().text("productLineAttribute", "product_line");
    }

    static BigDecimal amount(OpportunityRecord o, CurrencyTable fx) {
        return fx.convert(o.amount(), o.currency()).map(a -> a.setScale(2, java.math.RoundingMode.HALF_UP)).orElse(null);
    }

    /** The first entry into a won stage of a history (oldest first), or null. */
    static OffsetDateTime firstWon(List<StageEntryRecord> history, StageOrder order) {
        return history.stream().filter(e -> order.outcome(e.stage()) == 1).map(StageEntryRecord::enteredAt)
                .min(java.util.Comparator.naturalOrder()).orElse(null);
    }

    /** The rows of rd_stage_entry for one opportunity's history (oldest first). */
    static List<Object[]> entryRows(UUID id, List<StageEntryRecord> history, StageOrder order, ZoneId zone) {
        List<Object[]> rows = new ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            StageEntryRecord e = history.get(i);
            OffsetDateTime left = i + 1 < history.size() ? history.get(i + 1).enteredAt() : null;
            rows.add(new Object[] {id, i + 1, e.stage(), e.enteredAt(), left, week(e.enteredAt(), zone),
                    (short) order.position(e.stage())});
        }
        return rows;
    }

    /**
     * Brings one opportunity's facts in step with its record and history as they are now (or removes
     * them when the opportunity is gone), in one transaction.
     */
    void refresh(UUID id, StageOrder order) {
        Optional<OpportunityRecord> found = context.records().opportunities().find(id);
        List<StageEntryRecord> history = found.isPresent() ? context.records().stageHistory(id) : List.of();
        ZoneId zone = zone();
        context.tables().transaction(tx -> {
            BigDecimal oldAmount = BigDecimal.ZERO;
            List<Map<String, Object>> old = tx.query("select amount, created_at, owner_id, industry, region, channel, "
                    + "max_pos, outcome, cycle_days, stage from rd_opportunity where opportunity_id = ? for update", id);
            if (!old.isEmpty() && old.get(0).get("amount") != null) {
                oldAmount = (BigDecimal) old.get(0).get("amount");
            }
            List<Object[]> cells = new ArrayList<>();
            List<Object[]> open = new ArrayList<>();
            if (!old.isEmpty()) {
                Map<String, Object> r = old.get(0);
                if (((Number) r.get("outcome")).intValue() == 0) {
                    open.add(new Object[] {r.get("owner_id") == null ? "" : r.get("owner_id").toString(), r.get("stage"), -1L,
                            oldAmount.negate()});
                }
                cells.addAll(dayCells(((OffsetDateTime) r.get("created_at")), r.get("owner_id"), (String) r.get("industry"),
                        (String) r.get("region"), (String) r.get("channel"), ((Number) r.get("max_pos")).shortValue(),
                        ((Number) r.get("outcome")).shortValue(), (Double) r.get("cycle_days"), -1, zone));
            }
            // the entries go, and their weeks lose them (with the amount they were counted with)
            tx.update("with gone as (delete from rd_stage_entry where opportunity_id = ? returning week, stage), "
                    + "agg as (select week, stage, count(*) as n from gone group by week, stage) "
                    + "update rd_entry_week w set entries = w.entries - agg.n, amount = w.amount - agg.n * ? "
                    + "from agg where w.week = agg.week and w.stage = agg.stage", id, oldAmount);
            if (found.isEmpty()) {
                tx.update("delete from rd_opportunity where opportunity_id = ?", id);
                moveDayCells(tx, cells);
                moveOpen(tx, open);
                return null;
            }
            OpportunityRecord o = found.get();
            int historyMax = history.stream().mapToInt(e -> order.position(e.stage())).max().orElse(0);
            Object[] row = opportunityRow(o, order, historyMax, firstWon(history, order), context.currencies(),
                    productLineAttribute());
            tx.update(UPSERT_OPPORTUNITY, row);
            cells.addAll(dayCells(o.createdAt(), o.ownerId(), o.industry(), o.region(), o.channel(), (Short) row[9],
                    (Short) row[8], (Double) row[14], 1, zone));
            moveDayCells(tx, cells);
            if ((Short) row[8] == 0) {
                open.add(new Object[] {o.ownerId() == null ? "" : o.ownerId().toString(), o.stage(), 1L,
                        row[12] == null ? BigDecimal.ZERO : (BigDecimal) row[12]});
            }
            moveOpen(tx, open);
            List<Object[]> entries = entryRows(id, history, order, zone);
            if (!entries.isEmpty()) {
                tx.batch(INSERT_ENTRY, entries);
                BigDecimal amount = row[12] == null ? BigDecimal.ZERO : (BigDecimal) row[12];
                // in key order, so that two refreshes that share weeks take their row locks in one order
                tx.update("insert into rd_entry_week (week, stage, entries, amount) "
                        + "select week, stage, count(*), count(*) * ? from rd_stage_entry where opportunity_id = ? "
                        + "group by week, stage order by week, stage "
                        + "on conflict on constraint rd_entry_week_pkey do update set "
                        + "entries = rd_entry_week.entries + excluded.entries, amount = rd_entry_week.amount + excluded.amount",
                        amount, id);
            }
            return null;
        });
    }

    /** The dimensions of rd_day besides the total (''), with the column each counts by. */
    static final List<String> DIMS = List.of("owner", "industry", "region", "channel");

    /**
     * The rd_day cells of one opportunity (total and one per dimension), each with {@code delta}
     * (+1, -1) and its sales cycle times {@code delta} (0 without one).
     */
    static List<Object[]> dayCells(OffsetDateTime created, Object owner, String industry, String region, String channel,
                                   short maxPos, short outcome, Double cycle, int delta, ZoneId zone) {
        LocalDate day = created.atZoneSameInstant(zone).toLocalDate();
        List<Object[]> cells = new ArrayList<>();
        String[] values = {"", owner == null ? "" : owner.toString(), nz(industry), nz(region), nz(channel)};
        String[] dims = {"", "owner", "industry", "region", "channel"};
        double cycleDelta = cycle == null ? 0.0 : cycle * delta;
        for (int i = 0; i < dims.length; i++) {
            cells.add(new Object[] {dims[i], values[i], day, maxPos, outcome, (long) delta, cycleDelta});
        }
        return cells;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Applies the cells' deltas (count, cycle sum), netted per cell and in key order (two refreshes
     * that share cells take their row locks in one order, so they cannot deadlock on them); then the
     * same by month into rd_month.
     */
    static void moveDayCells(PluginTables tx, List<Object[]> cells) {
        List<Object[]> days = net(cells, false);
        if (!days.isEmpty()) {
            tx.batch("insert into rd_day (dim, value, day, max_pos, outcome, n, cycle_sum) values (?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict on constraint rd_day_pkey do update set n = rd_day.n + excluded.n, "
                    + "cycle_sum = rd_day.cycle_sum + excluded.cycle_sum", days);
        }
        List<Object[]> months = net(days, true);
        if (!months.isEmpty()) {
            tx.batch("insert into rd_month (dim, value, month, max_pos, outcome, n, cycle_sum) values (?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict on constraint rd_month_pkey do update set n = rd_month.n + excluded.n, "
                    + "cycle_sum = rd_month.cycle_sum + excluded.cycle_sum", months);
        }
    }

    /** Applies (owner, stage, count, amount) deltas to rd_open, netted per cell and in key order. */
    static void moveOpen(PluginTables tx, List<Object[]> deltas) {
        java.util.TreeMap<String, Object[]> net = new java.util.TreeMap<>();
        for (Object[] d : deltas) {
            Object[] sum = net.computeIfAbsent(d[0] + "\u0000" + d[1], k -> new Object[] {d[0], d[1], 0L, BigDecimal.ZERO});
            sum[2] = (Long) sum[2] + (Long) d[2];
            sum[3] = ((BigDecimal) sum[3]).add((BigDecimal) d[3]);
        }
        List<Object[]> changes = net.values().stream()
                .filter(c -> (Long) c[2] != 0 || ((BigDecimal) c[3]).signum() != 0).toList();
        if (!changes.isEmpty()) {
            tx.batch("insert into rd_open (owner, stage, n, amount) values (?, ?, ?, ?) on conflict on constraint "
                    + "rd_open_pkey do update set n = rd_open.n + excluded.n, amount = rd_open.amount + excluded.amount", changes);
        }
    }

    /** The cells summed per key (per month of their day with {@code byMonth}), in key order, without those that net to nothing. */
    private static List<Object[]> net(List<Object[]> cells, boolean byMonth) {
        java.util.TreeMap<String, Object[]> net = new java.util.TreeMap<>();
        for (Object[] c : cells) {
            LocalDate day = byMonth ? ((LocalDate) c[2]).withDayOfMonth(1) : (LocalDate) c[2];
            String key = c[0] + "\u0000" + c[1] + "\u0000" + day + "\u0000" + c[3] + "\u0000" + c[4];
            Object[] sum = net.computeIfAbsent(key, k -> new Object[] {c[0], c[1], day, c[3], c[4], 0L, 0.0});
            sum[5] = (Long) sum[5] + (Long) c[5];
            sum[6] = (Double) sum[6] + (Double) c[6];
        }
        return net.values().stream().filter(c -> (Long) c[5] != 0 || (Double) c[6] != 0.0).toList();
    }

    /** Counts rd_day, rd_month and rd_open anew from rd_opportunity, in one transaction (the backfill's last step, or an upgrade). */
    void buildDays() {
        String tz = zone().getId();
        context.tables().transaction(tx -> {
            tx.update("delete from rd_day");
            tx.update("delete from rd_month");
            StringBuilder sql = new StringBuilder("insert into rd_day (dim, value, day, max_pos, outcome, n, cycle_sum) "
                    + "select '', '', (created_at at time zone ?)::date, max_pos, outcome, count(*), coalesce(sum(cycle_days), 0) "
                    + "from rd_opportunity group by 3, 4, 5");
            List<Object> args = new ArrayList<>(List.of(tz));
            for (String dim : DIMS) {
                String column = dim.equals("owner") ? "coalesce(owner_id::text, '')" : "coalesce(" + dim + ", '')";
                sql.append(" union all select '").append(dim).append("', ").append(column)
                        .append(", (created_at at time zone ?)::date, max_pos, outcome, count(*), coalesce(sum(cycle_days), 0) "
                                + "from rd_opportunity group by 2, 3, 4, 5");
                args.add(tz);
            }
            tx.update(sql.toString(), args.toArray());
            tx.update("delete from rd_open");
            tx.update("insert into rd_open (owner, stage, n, amount) select coalesce(owner_id::text, ''), stage, count(*), "
                    + "coalesce(sum(amount), 0) from rd_opportunity where outcome = 0 group by 1, 2");
            return tx.update("insert into rd_month (dim, value, month, max_pos, outcome, n, cycle_sum) select dim, value, "
                    + "date_trunc('month', day)::date, max_pos, outcome, sum(n), sum(cycle_sum) from rd_day group by 1, 2, 3, 4, 5");
        });
    }

    /**
     * Counts win_days for facts built before it was kept (one statement over the won rows): the first
     * won entry of each won opportunity's history, else its closed_at.
     */
    void buildWinDays(StageOrder order) {
        context.tables().update("update rd_opportunity o set win_days = extract(epoch from coalesce((select min(e.entered_at) "
                + "from rd_stage_entry e where e.opportunity_id = o.opportunity_id and e.pos > ?), o.closed_at) - o.created_at)"
                + "::double precision / 86400 where o.outcome = 1 and o.win_days is null", order.openStages());
    }

    /** What a backfill did. */
    record Built(long opportunities, long entries) {}

    /** Reports a backfill's progress (rows read so far). */
    interface Progress {
        void at(String phase, long rows);
    }

    /**
     * Rebuilds every fact from the core records: the stage entries first (read in chunks, by
     * opportunity), then the opportunities (their furthest position looked up from the entries just
     * written), then the week roll-up in one statement. Rows already written by an event in the
     * meantime win over the backfill's ("do nothing" on conflict): an event's refresh is never older.
     */
    Built rebuild(StageOrder order, Progress progress) {
        PluginTables t = context.tables();
        ZoneId zone = zone();
        t.update("delete from rd_entry_week");
        t.update("delete from rd_day");
        t.update("delete from rd_month");
        t.update("delete from rd_open");
        t.update("delete from rd_stage_entry");
        t.update("delete from rd_opportunity");
        // Each chunk is one statement over column arrays (unnest): one parse, bind and executor run per
        // chunk instead of per row.
        int chunk = 5000;
        List<Object[]> pending = new ArrayList<>(chunk + 64);
        List<StageEntryRecord> one = new ArrayList<>();
        long[] entries = {0};
        context.records().forEachStageEntry(e -> {
            if (!one.isEmpty() && !one.get(0).opportunityId().equals(e.opportunityId())) {
                pending.addAll(entryRows(one.get(0).opportunityId(), one, order, zone));
                one.clear();
                if (pending.size() >= chunk) {
                    entries[0] += pending.size();
                    flush(t, ENTRIES_FROM_ARRAYS, columns(pending, ENTRY_TYPES));
                    progress.at("stage-entries", entries[0]);
                }
            }
            one.add(e);
        });
        if (!one.isEmpty()) {
            pending.addAll(entryRows(one.get(0).opportunityId(), one, order, zone));
        }
        flush(t, ENTRIES_FROM_ARRAYS, columns(pending, ENTRY_TYPES));
        long[] opportunities = {0};
        int open = order.openStages();
        CurrencyTable fx = context.currencies();
        String productLine = productLineAttribute();
        context.records().opportunities().forEach(Map.of(), o -> {
            pending.add(opportunityRow(o, order, 0, null, fx, productLine));
            if (pending.size() >= chunk) {
                opportunities[0] += pending.size();
                flush(t, OPPORTUNITIES_FROM_ARRAYS, prepend(open, columns(pending, OPPORTUNITY_TYPES)));
                progress.at("opportunities", opportunities[0]);
            }
        });
        opportunities[0] += pending.size();
        flush(t, OPPORTUNITIES_FROM_ARRAYS, prepend(open, columns(pending, OPPORTUNITY_TYPES)));
        buildDays();
        t.transaction(tx -> {
            tx.update("delete from rd_entry_week");
            return tx.update("insert into rd_entry_week (week, stage, entries, amount) "
                    + "select e.week, e.stage, count(*), coalesce(sum(o.amount), 0) from rd_stage_entry e "
                    + "left join rd_opportunity o on o.opportunity_id = e.opportunity_id group by e.week, e.stage");
        });
        long total = t.query("select count(*) as n from rd_stage_entry").get(0).get("n") instanceof Number n ? n.longValue() : 0;
        return new Built(opportunities[0], total);
    }

    private static final Class<?>[] ENTRY_TYPES = {UUID.class, Integer.class, String.class, OffsetDateTime.class,
            OffsetDateTime.class, LocalDate.class, Integer.class};

    private static final String ENTRIES_FROM_ARRAYS = "insert into rd_stage_entry (opportunity_id, seq, stage, entered_at, "
            + "left_at, week, pos) select * from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[], "
            + "?::date[], ?::smallint[]) on conflict on constraint rd_stage_entry_pkey do nothing";

    /** The columns of {@link #opportunityRow}. */
    private static final Class<?>[] OPPORTUNITY_TYPES = {UUID.class, UUID.class, UUID.class, String.class, String.class,
            String.class, OffsetDateTime.class, OffsetDateTime.class, Integer.class, Integer.class, String.class,
            OffsetDateTime.class, BigDecimal.class, String.class, Double.class, Double.class, String.class};

    /**
     * Backfilled opportunities (parameters: the number of open stages, then {@link #opportunityRow}'s
     * columns as arrays): the furthest position and the first won entry looked up in the entries
     * written before (the win days to closed_at when the history has no won entry). Rows an event
     * wrote in the meantime win ("do nothing").
     */
    private static final String OPPORTUNITIES_FROM_ARRAYS = "insert into rd_opportunity (opportunity_id, owner_id, account_id, "
            + "industry, region, channel, created_at, closed_at, outcome, max_pos, stage, stage_entered_at, amount, currency, "
            + "cycle_days, win_days, product_line) select u.id, u.owner, u.account, u.industry, u.region, u.channel, u.created, u.closed, "
            + "u.outcome, greatest(u.pos, (select max(e.pos) from rd_stage_entry e where e.opportunity_id = u.id)), u.stage, "
            + "u.entered, u.amount, u.currency, u.cycle, case when u.win is null then null else coalesce(extract(epoch from "
            + "(select min(e.entered_at) from rd_stage_entry e where e.opportunity_id = u.id and e.pos > ?) - u.created)"
            + "::double precision / 86400, u.win) end, u.product_line from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], "
            + "?::text[], ?::timestamptz[], ?::timestamptz[], ?::smallint[], ?::smallint[], ?::text[], ?::timestamptz[], "
            + "?::numeric[], ?::text[], ?::float8[], ?::float8[], ?::text[]) as u(id, owner, account, industry, region, channel, "
            + "created, closed, outcome, pos, stage, entered, amount, currency, cycle, win, product_line) "
            + "on conflict on constraint rd_opportunity_pkey do nothing";

    /** The rows as one array per column (of {@code types}; shorts widen to Integer); the rows are cleared. */
    static Object[] columns(List<Object[]> rows, Class<?>... types) {
        Object[] out = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            Object[] column = (Object[]) java.lang.reflect.Array.newInstance(types[c], rows.size());
            for (int r = 0; r < rows.size(); r++) {
                Object v = rows.get(r)[c];
                column[r] = v instanceof Short s && types[c] == Integer.class ? Integer.valueOf(s) : v;
            }
            out[c] = column;
        }
        int n = rows.size();
        rows.clear();
        return n == 0 ? null : out;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        if (rest == null) {
            return null;
        }
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** Runs one statement over a chunk's column arrays (none: nothing to do). */
    private static void flush(PluginTables t, String sql, Object[] args) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted: the job ran out of its time budget");
        }
        if (args != null) {
            t.update(sql, args);
        }
    }
}
