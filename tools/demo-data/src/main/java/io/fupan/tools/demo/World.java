package io.fupan.tools.demo;

/**
 * The generated tenant as a function: every account, lead block and opportunity is rebuilt from
 * (seed, its index) alone, so the files can be written one record at a time in constant memory
 * and every reference is to something another file will hold.
 */
final class World {

    static final String[] STAGES = {null, "contacted", "needs_confirmed", "solution_demo", "quote", "negotiation", "won",
            "lost"};
    static final int WON = 6;
    static final int LOST = 7;
    /** Median working days in each open stage before the next move. */
    static final double[] STAGE_DAYS = {0, 6, 11, 13, 9, 15};
    /** Base chance to move on from each open stage (else lost). */
    static final double[] ADVANCE = {0, 0.82, 0.53, 0.78, 0.80, 0.29};

    private static final long S_ACCOUNT = 1, S_ACCOUNT_NAME = 2, S_PARENT = 3, S_DEAL = 4, S_BLOCK = 5, S_LEAD = 6,
            S_CONTACT = 7, S_QUOTE = 8, S_ACTIVITY = 9;

    final Profile p;
    final long seed;
    final long end;
    final long start;
    final int offset;
    private final double[] industryWeights;
    private final double[] regionWeights;
    private final double[] ownerWeights;
    private final double[] leadChannelWeights;
    private final double[] directWeights;
    private final int blocks;

    World(Profile p, long seed, java.time.LocalDate reference) {
        this.p = p;
        this.seed = seed;
        this.offset = p.offsetSeconds();
        this.end = reference.toEpochDay() * Iso.DAY - offset;
        this.start = end - 365 * Iso.DAY;
        this.industryWeights = p.industries().stream().mapToDouble(Profile.Factor::weight).toArray();
        this.regionWeights = p.regions().stream().mapToDouble(r -> r.factor().weight()).toArray();
        this.ownerWeights = p.owners().stream().mapToDouble(Profile.Factor::weight).toArray();
        this.leadChannelWeights = p.leadChannels().stream().mapToDouble(Profile.Factor::weight).toArray();
        this.directWeights = p.directChannels().stream().mapToDouble(Profile.Factor::weight).toArray();
        this.blocks = p.leads() / 4;
    }

    // ---- accounts ---------------------------------------------------------------------------

    /** An account's facts (its name is drawn separately: {@link #accountName}). */
    static final class Account {
        int index;
        int parent = -1;
        int industry;
        int region;
        int owner;
        String tier;
        int employees;
        long revenue;
        boolean english;
    }

    /** The parent of account {@code i}, or -1; hierarchies are at most three levels deep, parents come first. */
    int parentOf(int i) {
        Rng r = Rng.of(seed, S_PARENT, i);
        if (i < 10 || !r.chance(0.24)) {
            return -1;
        }
        int j = r.nextInt(i);
        int up = parentOf(j);
        if (up < 0) {
            return j;
        }
        return r.chance(0.3) && parentOf(up) < 0 ? j : up;
    }

    Account account(int i) {
        Account a = new Account();
        a.index = i;
        Rng r = Rng.of(seed, S_ACCOUNT, i);
        a.parent = parentOf(i);
        a.industry = a.parent >= 0 ? account(a.parent).industry : r.weighted(industryWeights);
        a.region = r.weighted(regionWeights);
        a.owner = r.weighted(ownerWeights);
        // Low indexes are the large customers (opportunities pick accounts with the same skew).
        double rank = (double) i / p.accounts();
        a.tier = rank < 0.10 ? "A" : rank < 0.35 ? "B" : "C";
        double size = "A".equals(a.tier) ? 3000 : "B".equals(a.tier) ? 600 : 120;
        a.employees = (int) Math.max(8, Math.round(r.logNormal(size, 0.6)));
        double perHead = p.chinese() ? 900_000 : 120_000;
        a.revenue = Math.round(a.employees * r.logNormal(perHead, 0.4) / 10_000) * 10_000;
        a.english = p.chinese() && r.chance(0.25);
        return a;
    }

    /** [name, e-mail domain] of account {@code i}. */
    String[] accountName(Account a) {
        Rng r = Rng.of(seed, S_ACCOUNT_NAME, a.index);
        if (a.parent >= 0) {
            Account parent = account(a.parent);
            String[] pn = accountName(parent);
            return Names.branch(r, p, pn[0], pn[1], a.region);
        }
        return Names.company(r, p, a.industry, a.region, a.english);
    }

    /** An account index skewed to the large customers (low indexes). */
    int pickAccount(Rng r) {
        double u = r.nextDouble();
        return Math.min(p.accounts() - 1, (int) (p.accounts() * u * u));
    }

    static String accountId(int i) {
        return id("ACC-", i + 1, 6);
    }

    // ---- contacts ---------------------------------------------------------------------------

    /** Positions in a buying group: title zh, title en, department zh, department en, role, reports to position. */
    static final String[][] POSITIONS = {
            {"总经理", "Managing Director", "管理层", "Management", "decision_maker", "-1"},
            {"财务总监", "CFO", "财务部", "Finance", "economic_buyer", "0"},
            {"技术总监", "Head of IT", "技术部", "IT", "technical_evaluator", "0"},
            {"采购经理", "Procurement Manager", "采购部", "Procurement", "influencer", "0"},
            {"生产经理", "Operations Manager", "生产部", "Operations", "champion", "0"},
            {"工程师", "Engineer", "技术部", "IT", "user", "2"},
            {"质量主管", "Quality Lead", "质量部", "Quality", "blocker", "4"},
            {"项目经理", "Project Manager", "生产部", "Operations", "champion", "4"}};

    int contactCount(Account a) {
        Rng r = Rng.of(seed, S_CONTACT, a.index);
        return "A".equals(a.tier) ? r.between(6, 8) : "B".equals(a.tier) ? r.between(4, 6) : r.between(2, 4);
    }

    static String contactId(int account, int k) {
        return id("CON-", account + 1, 6) + "-" + (k + 1);
    }

    // ---- opportunities ----------------------------------------------------------------------

    /** One opportunity with its whole history and quotes. */
    static final class Deal {
        int index;
        int account;
        int owner;
        int industry;
        int region;
        String channel;
        int block = -1;
        long created;
        long amountUnits;
        final int[] stages = new int[16];
        final long[] times = new long[16];
        int entries;
        int product;
        int quotes;
        final long[] quoteTimes = new long[8];
        final long[] listTotals = new long[8];
        final long[] netTotals = new long[8];

        int last() {
            return stages[entries - 1];
        }

        boolean closed() {
            return last() >= WON;
        }

        long closedAt() {
            return times[entries - 1];
        }

        void add(int stage, long at) {
            stages[entries] = stage;
            times[entries] = at;
            entries++;
        }
    }

    static String dealId(int i) {
        return id("OPP-", i + 1, 7);
    }

    /** Whether opportunity {@code i} started as a lead (then lead block i/2 holds the lead). */
    boolean fromLead(int i) {
        return i % 2 == 0 && i / 2 < blocks;
    }

    Deal deal(int i, Deal d) {
        d.index = i;
        d.entries = 0;
        d.quotes = 0;
        Rng r = Rng.of(seed, S_DEAL, i);
        Profile.Factor channel;
        if (fromLead(i)) {
            Block b = block(i / 2);
            d.block = i / 2;
            d.account = b.account;
            d.owner = b.owner;
            channel = p.leadChannels().get(b.channel);
            d.created = b.converted + r.between(600, 4 * 3600);
        } else {
            d.block = -1;
            d.account = pickAccount(r);
            channel = p.directChannels().get(r.weighted(directWeights));
            d.created = workTime(start + 3 * Iso.DAY + (long) ((end - start - 4 * Iso.DAY) * Math.pow(r.nextDouble(), 0.7)), r);
            d.owner = -1;
        }
        Account a = account(d.account);
        if (d.owner < 0) {
            d.owner = r.chance(0.8) ? a.owner : r.weighted(ownerWeights);
        }
        d.channel = channel.name();
        d.industry = a.industry;
        d.region = a.region;
        d.product = r.nextInt(p.products().size());
        double tierScale = "A".equals(a.tier) ? 2.5 : "B".equals(a.tier) ? 1.0 : 0.45;
        d.amountUnits = round(r.logNormal(p.amountMedian() * tierScale, 0.6));

        Profile.Factor ind = p.industries().get(d.industry);
        Profile.Factor reg = p.regions().get(d.region).factor();
        Profile.Factor own = p.owners().get(d.owner);
        double speed = ind.speed() * reg.speed() * own.speed() * channel.speed();
        double win = ind.win() * reg.win() * own.win() * channel.win();

        long t = d.created;
        int stage = 1;
        d.add(1, t);
        boolean regressed = false;
        int regressions = 0;
        while (stage < WON) {
            long next = later(t, STAGE_DAYS[stage] * speed, r);
            if (next >= end) {
                break; // still open
            }
            if (stage >= 4 && !regressed && r.chance(0.09)) {
                // Back one stage (a new requirement, a re-quote), then forward again.
                regressed = true;
                regressions++;
                d.add(stage - 1, next);
                long again = later(next, STAGE_DAYS[stage - 1] * speed * 0.5, r);
                if (again >= end) {
                    stage = stage - 1;
                    t = next;
                    break;
                }
                d.add(stage, again);
                t = again;
                continue;
            }
            double chance = ADVANCE[stage] * (stage >= 3 ? win : Math.sqrt(win));
            if (r.chance(Math.min(0.95, chance))) {
                if (stage == 5) {
                    stage = WON;
                } else if (stage <= 3 && r.chance(0.06)) {
                    stage += 2; // skipped one
                } else {
                    stage++;
                }
            } else {
                stage = LOST;
            }
            d.add(stage, next);
            t = next;
        }
        quotes(d, regressions);
        return d;
    }

    private void quotes(Deal d, int regressions) {
        int first = -1;
        for (int k = 0; k < d.entries; k++) {
            if (d.stages[k] == 4 || d.stages[k] == 5) {
                first = k;
                break;
            }
        }
        if (first < 0) {
            return;
        }
        Rng r = Rng.of(seed, S_QUOTE, d.index);
        long limit = d.closed() ? d.closedAt() : end;
        long from = d.times[first];
        boolean negotiated = false;
        for (int k = first; k < d.entries; k++) {
            negotiated |= d.stages[k] == 5;
        }
        int n = Math.min(d.quoteTimes.length, 1 + regressions + (negotiated ? r.between(0, 2) : 0));
        long span = limit - from;
        if (span < 3600L * n) {
            n = 1;
        }
        long list = round(d.amountUnits * (1 + r.between(0, 15) / 100.0));
        double discount = r.nextDouble() * 0.10;
        boolean lost = d.last() == LOST;
        long previous = from;
        for (int v = 0; v < n; v++) {
            // The first version within days of entering the quote stage, later ones spread up to the close.
            long at = v == 0 ? from + Math.min(span / (n + 1), (long) (r.logNormal(2, 0.6) * Iso.DAY))
                    : previous + Math.max(600, (long) ((limit - previous) * (0.3 + 0.4 * r.nextDouble())));
            long working = workTime(at, r);
            if (working > previous && working < limit) {
                at = working;
            }
            if (at >= limit || at <= previous) {
                at = previous + (limit - previous) / 2;
            }
            if (v > 0) {
                discount += 0.01 + r.nextDouble() * 0.05;
                list = round(list * (1 - r.nextDouble() * 0.03));
            }
            if (lost && v == n - 1 && r.chance(0.3)) {
                discount += 0.10 + 0.12 * r.nextDouble(); // tried to buy it with price, lost anyway
            }
            discount = Math.min(0.45, discount);
            d.quoteTimes[v] = at;
            d.listTotals[v] = list;
            d.netTotals[v] = round(list * (1 - discount));
            previous = at;
        }
        d.quotes = n;
        d.amountUnits = d.netTotals[n - 1];
    }

    private long round(double units) {
        long step = p.amountStep();
        return Math.max(step, Math.round(units / step) * step);
    }

    /** A working-hours time about {@code medianDays} after {@code t}, strictly later. */
    long later(long t, double medianDays, Rng r) {
        long next = workTime(t + (long) (r.logNormal(medianDays, 0.55) * Iso.DAY), r);
        return next > t + 600 ? next : t + 600 + r.nextInt(3600);
    }

    /** The same day (a weekend: the Friday before) at a random time between 9:00 and 18:00 local. */
    long workTime(long t, Rng r) {
        long local = t + offset;
        long day = Math.floorDiv(local, Iso.DAY);
        int dow = Iso.dayOfWeek(day);
        if (dow >= 5) {
            day -= dow - 4;
        }
        return day * Iso.DAY + 9 * Iso.HOUR + r.nextInt(9 * 3600) - offset;
    }

    // ---- leads ------------------------------------------------------------------------------

    /** Four leads; when an opportunity 2·b exists, one of them converted into it. */
    static final class Block {
        int converting = -1;
        int channel;
        int account;
        int owner;
        long created;
        long[] steps = new long[5];
        long converted;
    }

    Block block(int b) {
        Block k = new Block();
        Rng r = Rng.of(seed, S_BLOCK, b);
        if (2L * b >= p.opportunities()) {
            return k;
        }
        k.converting = 4 * b + r.nextInt(4);
        double[] w = new double[leadChannelWeights.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = leadChannelWeights[c] * Math.pow(p.leadChannels().get(c).win(), 2);
        }
        k.channel = r.weighted(w);
        k.account = pickAccount(r);
        Account a = account(k.account);
        k.owner = r.chance(0.8) ? a.owner : r.weighted(ownerWeights);
        long conv = workTime(start + 45 * Iso.DAY + (long) ((end - start - 46 * Iso.DAY)
                * Math.pow(r.nextDouble(), 0.7)), r);
        double[] days = {2, 6, 8, 9};
        long t = conv;
        k.steps[4] = conv;
        for (int s = 3; s >= 0; s--) {
            t = t - (long) (r.logNormal(days[s], 0.5) * Iso.DAY) - 600;
            k.steps[s] = t;
        }
        k.created = k.steps[0];
        k.converted = conv;
        return k;
    }

    static final String[] LEAD_STATUS = {"new", "contacted", "mql", "sql", "converted", "disqualified"};

    /** One lead. */
    static final class Lead {
        int index;
        String name;
        String emailLocal;
        String company;
        String domain;
        int channel;
        int industry;
        int region;
        int employees;
        int owner;
        int level;
        /** Time of reaching each level 0 (created) … level. */
        final long[] steps = new long[5];
        int status;
        long statusChanged;
        int deal = -1;
    }

    static String leadId(int j) {
        return id("LEAD-", j + 1, 6);
    }

    Lead lead(int j) {
        Lead l = new Lead();
        l.index = j;
        Rng r = Rng.of(seed, S_LEAD, j);
        String[] person = Names.person(r, p.chinese());
        l.name = person[0];
        l.emailLocal = person[1];
        Block b = block(j / 4);
        if (b.converting == j) {
            Account a = account(b.account);
            String[] company = accountName(a);
            l.company = company[0];
            l.domain = company[1];
            l.channel = b.channel;
            l.industry = a.industry;
            l.region = a.region;
            l.employees = a.employees;
            l.owner = b.owner;
            l.level = 4;
            System.arraycopy(b.steps, 0, l.steps, 0, 5);
            l.status = 4;
            l.statusChanged = b.converted;
            l.deal = 2 * (j / 4);
            return l;
        }
        l.industry = r.weighted(industryWeights);
        l.region = r.weighted(regionWeights);
        String[] company = Names.company(r, p, l.industry, l.region, p.chinese() && r.chance(0.2));
        l.company = company[0];
        l.domain = company[1];
        l.channel = r.weighted(leadChannelWeights);
        l.employees = (int) Math.max(5, Math.round(r.logNormal(200, 1.0)));
        l.owner = r.weighted(ownerWeights);
        double quality = p.leadChannels().get(l.channel).win();
        l.steps[0] = workTime(start + 3 * Iso.DAY + (long) ((end - start - 4 * Iso.DAY) * Math.pow(r.nextDouble(), 0.7)), r);
        double[] chances = {0.55, 0.50 * Math.sqrt(quality), Math.min(0.9, 0.25 * quality * quality)};
        double[] days = {2, 6, 8};
        l.level = 0;
        for (int s = 0; s < 3; s++) {
            if (!r.chance(chances[s])) {
                break;
            }
            long at = l.steps[s] + (long) (r.logNormal(days[s], 0.5) * Iso.DAY) + 600;
            if (at >= end) {
                break;
            }
            l.level = s + 1;
            l.steps[s + 1] = at;
        }
        l.status = l.level;
        l.statusChanged = l.steps[l.level];
        long disqualify = l.statusChanged + (long) (r.logNormal(10, 0.6) * Iso.DAY);
        if (disqualify < end && r.chance(l.level == 3 ? 0.7 : 0.5)) {
            l.status = 5;
            l.statusChanged = disqualify;
        }
        return l;
    }

    /** Channel names by index (leads). */
    String leadChannel(int c) {
        return p.leadChannels().get(c).name();
    }

    static final long S_ACTIVITY_SALT = S_ACTIVITY;
    static final long S_CONTACT_SALT = S_CONTACT + 100;

    /** {@code prefix} and {@code n} zero-padded to {@code width} digits. */
    static String id(String prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder out = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}
