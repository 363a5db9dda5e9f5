package io.fupan.plugins.leadscoring.rules;

import io.fupan.api.data.AccountRecord;
import io.fupan.api.data.LeadRecord;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a lead (and of its account, when known) by the names that fit rules use:
 * {@code industry}, {@code region}, {@code channel}, {@code employees}, {@code company}, {@code email},
 * {@code name}, {@code emailDomain} ({@code business}, {@code free} or {@code invalid}),
 * {@code custom.<key>}, and {@code account.industry|region|employees|annualRevenue|tier|custom.<key>}.
 */
public final class Attributes {

    /** Mail providers anyone can sign up to: an address there says nothing of an employer. */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp", "hotmail.com",
            "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.de",
            "proton.me", "protonmail.com", "yandex.ru", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net",
            "sina.com", "sina.cn", "sohu.com", "aliyun.com", "139.com", "189.cn", "tom.com", "21cn.com");

    private final LeadRecord lead;
    private final AccountRecord account;

    /** The attributes of {@code lead}, with {@code account} (or null) for {@code account.*}. */
    public Attributes(LeadRecord lead, AccountRecord account) {
        this.lead = lead;
        this.account = account;
    }

    /** The value of attribute {@code field}: text, a number, a boolean, or null when absent. */
    public Object get(String field) {
        if (field.startsWith("custom.")) {
            return lead.custom() == null ? null : lead.custom().get(field.substring(7));
        }
        if (field.startsWith("account.")) {
            return account == null ? null : accountField(field.substring(8));
        }
        return switch (field) {
            case "industry" -> lead.industry();
            case "region" -> lead.region();
            case "channel" -> lead.channel();
            case "employees" -> lead.employees();
            case "company" -> lead.company();
            case "email" -> lead.email();
            case "name" -> lead.name();
            case "emailDomain" -> emailQuality(lead.email());
            default -> throw new IllegalArgumentException("unknown lead attribute '" + field + "'");
        };
    }

    private Object accountField(String f) {
        if (f.startsWith("custom.")) {
            Map<String, Object> c = account.custom();
            return c == null ? null : c.get(f.substring(7));
        }
        return switch (f) {
            case "industry" -> account.industry();
            case "region" -> account.region();
            case "employees" -> account.employees();
            case "annualRevenue" -> account.annualRevenue();
            case "tier" -> account.tier();
            case "name" -> account.name();
            default -> throw new IllegalArgumentException("unknown account attribute '" + f + "'");
        };
    }

    /** Whether {@code field} names an attribute (for validating rules before any lead is seen). */
    public static boolean known(String field) {
        if (field.startsWith("custom.") && field.length() > 7) {
            return true;
        }
        if (field.startsWith("account.custom.") && field.length() > 15) {
            return true;
        }
        return Set.of("industry", "region", "channel", "employees", "company", "email", "name", "emailDomain",
                "account.industry", "account.region", "account.employees", "account.annualRevenue", "account.tier",
                "account.name").contains(field);
    }

    /** {@code business}, {@code free} (a public mail provider), or {@code invalid} (missing or malformed). */
    public static String emailQuality(String email) {
        if (email == null) {
            return "invalid";
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at < 1 || at == e.length() - 1 || e.indexOf('@') != at) {
            return "invalid";
        }
        String domain = e.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "invalid";
        }
        return FREE_MAIL.contains(domain) ? "free" : "business";
    }

    /**
     * A number from a number or a numeric string ({@code "1,200"}, {@code " 3.5 "}, {@code "12%"} is not one);
     * null otherwise.
     */
    public static Double number(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.indexOf(',') >= 0 || t.indexOf('_') >= 0) {
                t = t.replace(",", "").replace("_", "");
            }
            // Digits, sign, point and exponent only: what BigDecimal reads, so that Double's own forms
            // ("NaN", "0x1p3", "12d") stay text; and text fails here without an exception (a re-score asks this
            // of a million values).
            if (t.isEmpty() || !decimal(t)) {
                return null;
            }
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean decimal(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }
}
