package io.fupan.tools.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a generated tenant looks like: its size, currency, time zone, people, and the factors that
 * make cycle times and win rates differ by industry, region, rep and channel.
 *
 * @param name          acme, lumen or bench
 * @param chinese       names, subjects and products in Chinese (with some English mixed in) or in English
 * @param currency      ISO 4217 code of every amount
 * @param offsetSeconds the tenant's offset from UTC; times are written with it
 * @param accounts      number of accounts
 * @param leads         number of leads (a multiple of 4: leads come in blocks of four, one of which may convert)
 * @param opportunities number of opportunities
 * @param owners        the sales people records are assigned to
 * @param industries    industries with their weights and factors
 * @param regions       regions (with their cities) with their weights and factors
 * @param leadChannels  where leads come from; quality raises their conversion
 * @param directChannels where opportunities that did not start as a lead come from
 * @param products      what is sold (opportunity names)
 * @param amountMedian  median opportunity amount in whole currency units (tier B)
 * @param amountStep    amounts are rounded to this many units
 * @param kinds         the files written
 */
public record Profile(String name, boolean chinese, String currency, int offsetSeconds, int accounts, int leads,
                      int opportunities, List<Factor> owners, List<Factor> industries, List<Region> regions,
                      List<Factor> leadChannels, List<Factor> directChannels, List<String> products, long amountMedian,
                      long amountStep, Set<Kind> kinds) {

    /**
     * A value with its share and its effect.
     *
     * @param name   the value as written (an owner's e-mail, an industry, a channel)
     * @param weight relative share of records
     * @param speed  multiplies every time in stage (above 1: slower)
     * @param win    multiplies the chance to move on at the later stages (above 1: better)
     */
    public record Factor(String name, double weight, double speed, double win) {}

    /** A region, with the cities its companies are in (name, and the spelling used in e-mail domains). */
    public record Region(Factor factor, List<String[]> cities) {}

    /** The profiles: {@code acme}, {@code lumen}, {@code bench}; {@code opportunities} ≤ 0 takes the profile's size. */
    public static Profile named(String name, int opportunities) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "acme":
                return acme(opportunities > 0 ? opportunities : 2_500, "acme", EnumSet.allOf(Kind.class), ACME_OWNERS, 9, 50);
            case "lumen":
                return lumen(opportunities > 0 ? opportunities : 500);
            case "bench":
                return acme(opportunities > 0 ? opportunities : 1_000_000, "bench",
                        EnumSet.of(Kind.ACCOUNTS, Kind.OPPORTUNITIES, Kind.STAGE_HISTORY), BENCH_OWNERS, 1, 50);
            default:
                throw new IllegalArgumentException("unknown profile '" + name + "' (profiles: acme, lumen, bench)");
        }
    }

    /** Whether this profile writes the file of {@code kind}. */
    public boolean writes(Kind kind) {
        return kinds.contains(kind);
    }

    private static final List<Factor> ACME_OWNERS = List.of(
            new Factor("rep1@acme.example", 0.30, 0.80, 1.15),
            new Factor("rep2@acme.example", 0.28, 1.30, 0.88),
            new Factor("manager@acme.example", 0.10, 1.00, 1.10),
            new Factor("rep3@acme.example", 0.12, 1.05, 1.00),
            new Factor("rep4@acme.example", 0.11, 1.45, 0.85),
            new Factor("rep5@acme.example", 0.09, 0.95, 1.02));

    private static final List<Factor> BENCH_OWNERS;

    static {
        java.util.ArrayList<Factor> owners = new java.util.ArrayList<>(ACME_OWNERS);
        for (int i = 6; i <= 40; i++) {
            owners.add(new Factor("rep" + i + "@acme.example", 0.1, 0.8 + (i % 7) * 0.1, 0.85 + (i % 5) * 0.07));
        }
        BENCH_OWNERS = List.copyOf(owners);
    }

    private static Profile acme(int opportunities, String name, Set<Kind> kinds, List<Factor> owners, int accountsPer,
                                int opportunitiesPer) {
        return new Profile(name, true, "CNY", 8 * 3600, Math.max(10, opportunities * accountsPer / opportunitiesPer),
                leadsFor(opportunities, kinds), opportunities, owners,
                List.of(new Factor("汽车零部件", 0.22, 1.00, 1.00),
                        new Factor("电子制造", 0.18, 0.80, 1.10),
                        new Factor("化工", 0.10, 1.30, 0.90),
                        new Factor("食品饮料", 0.10, 0.70, 1.05),
                        new Factor("能源电力", 0.10, 1.60, 0.85),
                        new Factor("医药", 0.10, 1.40, 0.95),
                        new Factor("物流仓储", 0.10, 0.75, 1.00),
                        new Factor("机械装备", 0.10, 1.10, 1.00)),
                List.of(region("华东", 0.35, 0.85, 1.05, "苏州:suzhou", "宁波:ningbo", "无锡:wuxi", "上海:shanghai", "合肥:hefei"),
                        region("华南", 0.22, 0.90, 1.05, "东莞:dongguan", "佛山:foshan", "深圳:shenzhen", "厦门:xiamen"),
                        region("华北", 0.16, 1.05, 1.00, "天津:tianjin", "北京:beijing", "石家庄:shijiazhuang"),
                        region("华中", 0.10, 1.10, 0.95, "武汉:wuhan", "长沙:changsha", "郑州:zhengzhou"),
                        region("西南", 0.08, 1.30, 0.90, "成都:chengdu", "重庆:chongqing"),
                        region("东北", 0.05, 1.35, 0.90, "沈阳:shenyang", "大连:dalian"),
                        region("西北", 0.04, 1.50, 0.85, "西安:xian", "兰州:lanzhou")),
                List.of(new Factor("website", 0.30, 1.0, 1.00), new Factor("trade_show", 0.20, 1.0, 0.90),
                        new Factor("webinar", 0.15, 1.0, 0.80), new Factor("content", 0.15, 1.0, 0.70),
                        new Factor("referral", 0.10, 0.9, 1.40), new Factor("paid_search", 0.10, 1.0, 0.60)),
                List.of(new Factor("outbound", 0.45, 1.1, 0.90), new Factor("partner", 0.25, 1.0, 1.05),
                        new Factor("existing_customer", 0.30, 0.8, 1.20)),
                List.of("数控加工中心", "自动化产线改造", "工业机器人工作站", "MES 系统", "年度备件合同", "设备维保服务",
                        "激光切割机", "智能仓储系统"),
                600_000, 1_000, kinds);
    }

    private static Profile lumen(int opportunities) {
        return new Profile("lumen", false, "EUR", 3600, Math.max(10, opportunities * 9 / 50),
                leadsFor(opportunities, EnumSet.allOf(Kind.class)), opportunities,
                List.of(new Factor("admin@lumen.example", 0.45, 1.00, 1.00),
                        new Factor("anna@lumen.example", 0.35, 0.80, 1.12),
                        new Factor("jonas@lumen.example", 0.20, 1.35, 0.88)),
                List.of(new Factor("Retail", 0.22, 0.80, 1.05), new Factor("Fintech", 0.18, 1.20, 0.95),
                        new Factor("Media", 0.15, 0.70, 1.05), new Factor("Healthcare", 0.15, 1.50, 0.90),
                        new Factor("Education", 0.12, 1.20, 1.00), new Factor("Public sector", 0.08, 1.80, 0.80),
                        new Factor("Hospitality", 0.10, 0.75, 1.05)),
                List.of(region("DACH", 0.45, 0.90, 1.05, "Berlin:berlin", "München:muenchen", "Wien:wien", "Zürich:zuerich"),
                        region("Benelux", 0.18, 0.95, 1.00, "Amsterdam:amsterdam", "Brussels:brussels"),
                        region("Nordics", 0.14, 0.85, 1.05, "Stockholm:stockholm", "Copenhagen:copenhagen"),
                        region("France", 0.13, 1.25, 0.90, "Paris:paris", "Lyon:lyon"),
                        region("UK", 0.10, 1.10, 0.95, "London:london", "Manchester:manchester")),
                List.of(new Factor("website", 0.35, 1.0, 1.00), new Factor("webinar", 0.15, 1.0, 0.80),
                        new Factor("content", 0.20, 1.0, 0.70), new Factor("referral", 0.15, 0.9, 1.40),
                        new Factor("paid_search", 0.15, 1.0, 0.60)),
                List.of(new Factor("outbound", 0.40, 1.1, 0.90), new Factor("partner", 0.20, 1.0, 1.05),
                        new Factor("existing_customer", 0.40, 0.8, 1.20)),
                List.of("Website relaunch", "Design system", "Mobile app", "Brand refresh", "Support retainer",
                        "E-commerce shop", "UX audit"),
                28_000, 100, EnumSet.allOf(Kind.class));
    }

    private static int leadsFor(int opportunities, Set<Kind> kinds) {
        return kinds.contains(Kind.LEADS) ? opportunities * 2 / 4 * 4 : 0;
    }

    private static Region region(String name, double weight, double speed, double win, String... cities) {
        return new Region(new Factor(name, weight, speed, win),
                java.util.Arrays.stream(cities).map(c -> c.split(":")).toList());
    }
}
