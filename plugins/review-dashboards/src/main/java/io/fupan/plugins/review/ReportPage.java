package io.fupan.plugins.review;

import java.util.List;
import java.util.Map;

/**
 * A weekly report as a printable HTML page (no scripts: the host forbids them): the funnel with each
 * stage's change since last week, new bottlenecks, stalled deals, deals other plugins judge at risk
 * and per-rep highlights.
 */
final class ReportPage {

    private ReportPage() {}

    @SuppressWarnings("unchecked")
    static String html(Map<String, Object> report, boolean zh) {
        StringBuilder b = new StringBuilder();
        String title = (zh ? "商机健康周报 " : "Weekly opportunity health report ") + text(report.get("week"));
        b.append("<!DOCTYPE html><html lang=\"").append(zh ? "zh-CN" : "en").append("\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
                        + "margin:1em 0}td,th{border:1px solid #999;padding:4px 8px;text-align:right}th:first-child,td:first-child"
                        + "{text-align:left}@media print{body{margin:0}}</style></head><body>");
        b.append("<h1>").append(esc(title)).append("</h1><p>").append(esc(text(report.get("madeAt")))).append("</p>");
        b.append("<h2>").append(zh ? "漏斗（近 12 个月）" : "Funnel (trailing 12 months)").append("</h2>");
        List<Map<String, Object>> changes = (List<Map<String, Object>>) report.getOrDefault("changes", List.of());
        Map<String, Object> funnel = (Map<String, Object>) report.getOrDefault("funnel", Map.of());
        List<Map<String, Object>> stages = (List<Map<String, Object>>) funnel.getOrDefault("stages", List.of());
        table(b, zh ? new String[] {"阶段", "到达", "转化率", "上周", "变化（百分点）", "瓶颈"}
                : new String[] {"Stage", "Reached", "Conversion", "Last week", "Change (points)", "Bottleneck"});
        for (int i = 0; i < stages.size(); i++) {
            Map<String, Object> s = stages.get(i);
            Map<String, Object> c = i < changes.size() ? changes.get(i) : Map.of();
            row(b, text(s.getOrDefault("label", s.get("key"))), text(s.get("reached")), pct(s.get("conversionToNext")),
                    pct(c.get("lastWeek")), num(c.get("changePoints")), Boolean.TRUE.equals(s.get("bottleneck")) ? "●" : "");
        }
        b.append("</table>");
        b.append("<h2>").append(zh ? "新瓶颈" : "New bottlenecks").append("</h2><p>")
                .append(esc(String.join(", ", ((List<Object>) report.getOrDefault("newBottlenecks", List.of())).stream()
                        .map(String::valueOf).toList()))).append("</p>");
        b.append("<h2>").append(zh ? "停滞商机" : "Stalled deals").append("</h2>");
        table(b, zh ? new String[] {"商机", "负责人", "阶段", "停留天数", "阈值"}
                : new String[] {"Opportunity", "Owner", "Stage", "Days in stage", "Too long after"});
        for (Map<String, Object> d : (List<Map<String, Object>>) report.getOrDefault("stalled", List.of())) {
            row(b, text(d.get("opportunityId")), text(d.get("owner")), text(d.get("stage")), num(d.get("daysInStage")),
                    text(d.get("tooLongDays")));
        }
        b.append("</table>");
        b.append("<h2>").append(zh ? "风险商机（来自其他插件）" : "Deals at risk (from other plugins)").append("</h2>");
        table(b, zh ? new String[] {"商机", "负责人", "阶段", "金额", "原因", "来源"}
                : new String[] {"Opportunity", "Owner", "Stage", "Amount", "Why", "From"});
        for (Map<String, Object> d : (List<Map<String, Object>>) report.getOrDefault("atRisk", List.of())) {
            row(b, text(d.get("name")), text(d.get("owner")), text(d.get("stage")),
                    (text(d.get("amount")) + " " + text(d.get("currency"))).trim(),
                    text(zh ? d.get("reasonZh") : d.get("reason")), text(d.get("sources")));
        }
        b.append("</table>");
        b.append("<h2>").append(zh ? "销售代表" : "Reps").append("</h2>");
        table(b, zh ? new String[] {"排名", "负责人", "赢率", "赢单", "输单", "最弱阶段", "差距（百分点）"}
                : new String[] {"Rank", "Owner", "Win rate", "Won", "Lost", "Loses most at", "Shortfall (points)"});
        for (Map<String, Object> r : (List<Map<String, Object>>) report.getOrDefault("reps", List.of())) {
            row(b, text(r.get("rank")), text(r.get("owner")), pct(r.get("winRate")), text(r.get("won")), text(r.get("lost")),
                    text(r.get("losesMostAt")), num(r.get("shortfallPoints")));
        }
        b.append("</table></body></html>");
        return b.toString();
    }

    private static void table(StringBuilder b, String[] head) {
        b.append("<table><tr>");
        for (String h : head) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr>");
    }

    private static void row(StringBuilder b, String... cells) {
        b.append("<tr>");
        for (String c : cells) {
            b.append("<td>").append(esc(c)).append("</td>");
        }
        b.append("</tr>");
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return v == null ? "" : String.valueOf(v);
    }

    private static String pct(Object v) {
        return v instanceof Number n ? String.format("%.1f %%", n.doubleValue() * 100) : "";
    }

    private static String num(Object v) {
        return v instanceof Number n ? String.format("%.1f", n.doubleValue()) : "";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
