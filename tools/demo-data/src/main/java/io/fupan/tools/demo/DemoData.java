package io.fupan.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated year of a tenant's history as IMPORT.md CSV files, one per kind, into a
 * folder. Deterministic: the same profile, seed and reference date give byte-identical files.
 * Streaming: each record is built from (seed, index), written and forgotten, so memory does not
 * grow with the size.
 */
public final class DemoData {

    /** One written file. */
    public record Written(Kind kind, Path file, long rows, long bytes) {}

    private final Profile p;
    private final World w;
    private final Map<Kind, CsvOut> out = new EnumMap<>(Kind.class);

    private DemoData(Profile profile, long seed, LocalDate reference) {
        this.p = profile;
        this.w = new World(profile, seed, reference);
    }

    /**
     * Writes the profile's files into {@code dir} (created if needed), covering the year before
     * {@code reference} (a date in the tenant's time zone; nothing happens on or after it).
     * Returns the files in import order.
     */
    public static List<Written> generate(Profile profile, long seed, LocalDate reference, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DemoData data = new DemoData(profile, seed, reference);
        try {
            for (Kind kind : Kind.values()) {
                if (profile.writes(kind)) {
                    data.out.put(kind, new CsvOut(dir, kind));
                }
            }
            data.accounts();
            data.deals();
            data.leads();
        } finally {
            data.out.values().forEach(CsvOut::close);
        }
        List<Written> written = new ArrayList<>();
        for (CsvOut csv : data.out.values()) {
            Path file = dir.resolve(csv.kind().fileName());
            try {
                written.add(new Written(csv.kind(), file, csv.rows(), Files.size(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return written;
    }

    // ---- accounts, contacts and their activities ------------------------------------------

    private void accounts() {
        CsvOut accounts = out.get(Kind.ACCOUNTS);
        CsvOut contacts = out.get(Kind.CONTACTS);
        CsvOut activities = out.get(Kind.ACTIVITIES);
        if (accounts == null) {
            return;
        }
        for (int i = 0; i < p.accounts(); i++) {
            World.Account a = w.account(i);
            String[] name = w.accountName(a);
            accounts.text(World.accountId(i)).text(name[0]).text(p.industries().get(a.industry).name())
                    .text(p.regions().get(a.region).factor().name()).number(a.employees).number(a.revenue).text(a.tier)
                    .text(a.parent >= 0 ? World.accountId(a.parent) : null).text(p.owners().get(a.owner).name());
            accounts.end();
            if (contacts != null) {
                contacts(a, name[1], contacts, activities);
            }
        }
    }

    private void contacts(World.Account a, String domain, CsvOut contacts, CsvOut activities) {
        int n = w.contactCount(a);
        for (int k = 0; k < n; k++) {
            Rng r = Rng.of(w.seed, World.S_CONTACT_SALT, a.index * 16L + k);
            String[] position = World.POSITIONS[k];
            String[] person = Names.person(r, p.chinese());
            boolean zh = p.chinese() && !a.english && r.chance(0.85);
            String role = position[4];
            if (k == 4 && r.chance(0.3)) {
                role = "influencer";
            } else if (k == 6 && r.chance(0.6)) {
                role = "user";
            } else if (k == 7 && r.chance(0.7)) {
                role = "influencer";
            }
            int boss = Integer.parseInt(position[5]);
            contacts.text(World.contactId(a.index, k)).text(person[0]).text(World.accountId(a.index))
                    .text(zh ? position[0] : position[1]).text(zh ? position[2] : position[3])
                    .text(person[1] + "@" + domain).text(phone(r, a.region))
                    .text(boss >= 0 ? World.contactId(a.index, boss) : null).text(role);
            contacts.end();
            if (activities != null) {
                int count = r.between(0, 3);
                for (int v = 0; v < count; v++) {
                    String type = v == 0 ? "call" : r.chance(0.5) ? "meeting" : "visit";
                    long at = w.workTime(w.start + (long) ((w.end - w.start - 4 * Iso.DAY) * r.nextDouble()), r);
                    activities.text(World.contactId(a.index, k) + "-A" + (v + 1)).empty()
                            .text(World.contactId(a.index, k)).empty().text(type).time(at, w.offset)
                            .text(subject(type, r));
                    activities.end();
                }
            }
        }
    }

    // ---- opportunities, stage history, quotes, their activities ----------------------------

    private static final String[][] STAGE_ACTIVITIES = {{}, {"call", "call"}, {"meeting", "call"}, {"demo", "meeting"},
            {"call", "meeting"}, {"meeting", "visit"}};

    private void deals() {
        CsvOut opportunities = out.get(Kind.OPPORTUNITIES);
        CsvOut history = out.get(Kind.STAGE_HISTORY);
        CsvOut quotes = out.get(Kind.QUOTES);
        CsvOut activities = out.get(Kind.ACTIVITIES);
        if (opportunities == null) {
            return;
        }
        World.Deal d = new World.Deal();
        String currency = p.currency();
        for (int i = 0; i < p.opportunities(); i++) {
            w.deal(i, d);
            String id = World.dealId(i);
            String account = w.accountName(w.account(d.account))[0];
            opportunities.text(id).text(p.products().get(d.product) + " – " + account).text(World.accountId(d.account))
                    .text(p.owners().get(d.owner).name()).cents(d.amountUnits * 100).text(currency).text(d.channel)
                    .text(p.industries().get(d.industry).name()).text(p.regions().get(d.region).factor().name())
                    .time(d.created, w.offset);
            if (d.closed()) {
                opportunities.time(d.closedAt(), w.offset);
            } else {
                opportunities.empty();
            }
            opportunities.text(World.STAGES[d.last()]);
            opportunities.end();
            if (history != null) {
                for (int e = 0; e < d.entries; e++) {
                    history.text(id).text(World.STAGES[d.stages[e]]).time(d.times[e], w.offset);
                    history.end();
                }
            }
            if (quotes != null) {
                for (int v = 0; v < d.quotes; v++) {
                    quotes.text("QUO-" + id.substring(4) + "-" + (v + 1)).text(id).number(v + 1)
                            .time(d.quoteTimes[v], w.offset).cents(d.listTotals[v] * 100).cents(d.netTotals[v] * 100)
                            .text(currency);
                    quotes.end();
                }
            }
            if (activities != null) {
                Rng r = Rng.of(w.seed, World.S_ACTIVITY_SALT, i);
                int n = 0;
                for (int e = 0; e < d.entries; e++) {
                    int stage = d.stages[e];
                    if (stage >= World.WON) {
                        continue;
                    }
                    long from = d.times[e];
                    long to = e + 1 < d.entries ? d.times[e + 1] : w.end;
                    String[] types = STAGE_ACTIVITIES[stage];
                    int count = 1 + (r.chance(0.4) ? 1 : 0);
                    for (int c = 0; c < count; c++) {
                        long at = from + (long) ((to - from) * r.nextDouble());
                        String type = types[c];
                        activities.text(id + "-A" + (++n)).empty().empty().text(id).text(type).time(at, w.offset)
                                .text(subject(type, r));
                        activities.end();
                    }
                }
            }
        }
    }

    // ---- leads and their behaviour ---------------------------------------------------------

    private void leads() {
        CsvOut leads = out.get(Kind.LEADS);
        CsvOut activities = out.get(Kind.ACTIVITIES);
        if (leads == null) {
            return;
        }
        for (int j = 0; j < p.leads(); j++) {
            World.Lead l = w.lead(j);
            String id = World.leadId(j);
            Rng r = Rng.of(w.seed, World.S_ACTIVITY_SALT, -1L - j);
            leads.text(id).text(l.name).text(l.company).text(l.emailLocal + "@" + l.domain).text(phone(r, l.region))
                    .text(w.leadChannel(l.channel)).text(p.industries().get(l.industry).name())
                    .text(p.regions().get(l.region).factor().name()).number(l.employees).time(l.steps[0], w.offset)
                    .text(World.LEAD_STATUS[l.status]).time(l.statusChanged, w.offset)
                    .text(l.deal >= 0 ? World.dealId(l.deal) : null).text(p.owners().get(l.owner).name());
            leads.end();
            if (activities != null) {
                leadActivities(l, id, r, activities);
            }
        }
    }

    private void leadActivities(World.Lead l, String id, Rng r, CsvOut activities) {
        int[] n = {0};
        emit(activities, id, l.steps[0], n, "page_view", l.steps[0], Iso.HOUR * 6, r.between(1, 3), r);
        if (l.level >= 1) {
            emit(activities, id, l.steps[0], n, "email_open", l.steps[1], 3 * Iso.DAY, r.between(1, 2), r);
        }
        if (l.level >= 2) {
            long mql = l.steps[2];
            emit(activities, id, l.steps[0], n, "content_download", mql - 2 * Iso.DAY, 2 * Iso.DAY, r.between(1, 2), r);
            emit(activities, id, l.steps[0], n, "email_click", mql - 3 * Iso.DAY, 3 * Iso.DAY, r.between(0, 2), r);
            emit(activities, id, l.steps[0], n, "form_submit", mql - Iso.HOUR, Iso.HOUR, 1, r);
        }
        if (l.level >= 3) {
            long sql = l.steps[3];
            emit(activities, id, l.steps[0], n, "page_view", sql - 3 * Iso.DAY, 3 * Iso.DAY, r.between(1, 3), r);
            emit(activities, id, l.steps[0], n, "form_submit", sql - Iso.HOUR, Iso.HOUR, 1, r);
        }
    }

    /** {@code count} activities of {@code type} at random times in [from, from + span), kept after creation and before the end. */
    private void emit(CsvOut activities, String lead, long created, int[] n, String type, long from, long span,
                      int count, Rng r) {
        for (int c = 0; c < count; c++) {
            long at = Math.max(created + 60, from + (long) (span * r.nextDouble()));
            if (at >= w.end) {
                continue;
            }
            activities.text(lead + "-A" + (++n[0])).text(lead).empty().empty().text(type).time(at, w.offset)
                    .text(subject(type, r));
            activities.end();
        }
    }

    // ---- text ----------------------------------------------------------------------------

    private static final String[] PAGES = {"/products/cnc", "/products/robotics", "/solutions/smart-factory", "/pricing",
            "/cases", "/blog/oee", "/contact"};
    private static final String[] PAGES_EN = {"/work", "/services/design-systems", "/services/apps", "/pricing",
            "/cases", "/blog/accessibility", "/contact"};

    private String subject(String type, Rng r) {
        boolean zh = p.chinese() && r.chance(0.85);
        switch (type) {
            case "page_view":
                return p.chinese() ? r.pick(PAGES) : r.pick(PAGES_EN);
            case "content_download":
                return zh ? r.pick(new String[] {"白皮书：智能工厂落地指南", "案例集：汽车零部件产线自动化", "选型手册：数控加工中心"})
                        : r.pick(new String[] {"Whitepaper: design systems at scale", "Case study: retail relaunch",
                                "Checklist: accessibility audit"});
            case "email_open":
            case "email_click":
                return zh ? r.pick(new String[] {"月度资讯：设备效率提升", "展会邀请函", "新品发布：协作机器人"})
                        : r.pick(new String[] {"Monthly newsletter", "Webinar invitation", "New case study"});
            case "form_submit":
                return zh ? r.pick(new String[] {"预约演示", "索取报价", "下载资料登记"})
                        : r.pick(new String[] {"Demo request", "Quote request", "Contact form"});
            case "call":
                return zh ? r.pick(new String[] {"电话沟通需求", "跟进报价", "确认技术参数"})
                        : r.pick(new String[] {"Call: next steps", "Follow-up on proposal", "Clarify scope"});
            case "meeting":
                return zh ? r.pick(new String[] {"需求研讨会", "商务谈判会议", "项目启动会"})
                        : r.pick(new String[] {"Requirements workshop", "Commercial negotiation", "Kick-off"});
            case "demo":
                return zh ? "方案演示" : "Solution demo";
            case "visit":
                return zh ? r.pick(new String[] {"现场拜访", "工厂参观"}) : r.pick(new String[] {"On-site visit", "Office visit"});
            default:
                return type;
        }
    }

    private String phone(Rng r, int region) {
        StringBuilder s = new StringBuilder(20);
        if (p.chinese()) {
            s.append("+86 1").append(3 + r.nextInt(7)).append(r.nextInt(10)).append(' ');
            digits(s, r, 4).append(' ');
            return digits(s, r, 4).toString();
        }
        String[] codes = {"+49", "+31", "+46", "+33", "+44"};
        s.append(codes[region % codes.length]).append(' ');
        digits(s, r, 3).append(' ');
        return digits(s, r, 7).toString();
    }

    private static StringBuilder digits(StringBuilder s, Rng r, int n) {
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s;
    }
}
