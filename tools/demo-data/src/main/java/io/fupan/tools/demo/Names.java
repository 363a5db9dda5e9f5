package io.fupan.tools.demo;

/** Invented names of people and companies, Chinese (with pinyin for e-mail) or European. */
final class Names {

    private Names() {
    }

    private static final String[][] SURNAMES = {{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"},
            {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"}, {"徐", "xu"},
            {"孙", "sun"}, {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"}, {"林", "lin"},
            {"高", "gao"}, {"罗", "luo"}, {"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}};
    private static final String[][] GIVEN = {{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"},
            {"丽", "li"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"},
            {"杰", "jie"}, {"娟", "juan"}, {"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"秀", "xiu"}, {"霞", "xia"},
            {"平", "ping"}, {"刚", "gang"}, {"华", "hua"}, {"建", "jian"}, {"国", "guo"}, {"文", "wen"}, {"晨", "chen"},
            {"宇", "yu"}, {"浩", "hao"}, {"欣", "xin"}, {"婷", "ting"}};
    private static final String[][] FIRMS = {{"恒泰", "hengtai", "Hengtai"}, {"华力", "huali", "Huali"},
            {"金石", "jinshi", "Jinshi"}, {"远航", "yuanhang", "Yuanhang"}, {"博润", "borun", "Borun"},
            {"中科", "zhongke", "Zhongke"}, {"鼎盛", "dingsheng", "Dingsheng"}, {"瑞丰", "ruifeng", "Ruifeng"},
            {"天工", "tiangong", "Tiangong"}, {"新锐", "xinrui", "Xinrui"}, {"宏达", "hongda", "Hongda"},
            {"海川", "haichuan", "Haichuan"}, {"卓越", "zhuoyue", "Zhuoyue"}, {"星辰", "xingchen", "Xingchen"},
            {"东升", "dongsheng", "Dongsheng"}, {"德隆", "delong", "Delong"}, {"永安", "yongan", "Yongan"},
            {"汇通", "huitong", "Huitong"}, {"青山", "qingshan", "Qingshan"}, {"万科技", "wankeji", "Wankeji"},
            {"创维新", "chuangweixin", "Chuangweixin"}, {"嘉禾", "jiahe", "Jiahe"}, {"锦程", "jincheng", "Jincheng"},
            {"安达", "anda", "Anda"}};
    /** Per acme industry: Chinese trade word, English trade words. */
    private static final String[][] TRADES = {{"汽车零部件", "Auto Parts"}, {"电子科技", "Electronics"}, {"化工", "Chemicals"},
            {"食品", "Foods"}, {"能源", "Energy"}, {"制药", "Pharmaceutical"}, {"物流", "Logistics"}, {"机械", "Machinery"}};

    private static final String[] FIRST = {"Anna", "Lukas", "Sophie", "Jonas", "Emma", "Noah", "Mia", "Elias", "Lea",
            "Finn", "Clara", "Paul", "Marie", "Felix", "Lena", "Max", "Sara", "Jan", "Eva", "Tom", "Julia", "Ole",
            "Camille", "Hugo", "Freya", "Oliver"};
    private static final String[] LAST = {"Müller", "Schmidt", "Janssen", "de Vries", "Lindberg", "Nielsen", "Dubois",
            "Martin", "Smith", "Taylor", "Weber", "Fischer", "Bakker", "Berg", "Laurent", "Brown", "Wagner", "Hoffmann",
            "Jensen", "Moreau", "Visser", "Novak"};
    private static final String[] BRANDS = {"Nordlicht", "Blauwerk", "Kiefer", "Alpen", "Hafen", "Lindqvist", "Morgen",
            "Sonnen", "Delta", "Vireo", "Brightwater", "Oakfield", "Kestrel", "Fennel", "Orbit", "Polar", "Lumos",
            "Tannen", "Meridian", "Koru"};
    /** Per lumen industry. */
    private static final String[][] SECTORS = {{"Markt", "Stores"}, {"Pay", "Capital"}, {"Media", "Studios"},
            {"Health", "Care"}, {"Learning", "Academy"}, {"Services", "Agency"}, {"Hotels", "Hospitality"}};
    private static final String[] LEGAL = {"GmbH", "B.V.", "AB", "SAS", "Ltd"};

    /** A person: [display name, e-mail local part]. */
    static String[] person(Rng r, boolean chinese) {
        if (chinese) {
            String[] s = r.pick(SURNAMES);
            String[] g1 = r.pick(GIVEN);
            if (r.chance(0.6)) {
                String[] g2 = r.pick(GIVEN);
                return new String[] {s[0] + g1[0] + g2[0], g1[1] + g2[1] + "." + s[1]};
            }
            return new String[] {s[0] + g1[0], g1[1] + "." + s[1]};
        }
        String first = r.pick(FIRST);
        String last = r.pick(LAST);
        return new String[] {first + " " + last, ascii(first) + "." + ascii(last)};
    }

    /**
     * A company: [name, e-mail domain]. {@code industry} and {@code region} index the profile's lists;
     * {@code english} spells a Chinese company's name in English.
     */
    static String[] company(Rng r, Profile p, int industry, int region, boolean english) {
        String[] city = r.pick(p.regions().get(region).cities().toArray(new String[0][]));
        if (p.chinese()) {
            String[] firm = r.pick(FIRMS);
            String[] trade = TRADES[industry % TRADES.length];
            String domain = firm[1] + "-" + city[1] + ".example.cn";
            if (english) {
                return new String[] {firm[2] + " " + trade[1] + " (" + cap(city[1]) + ") Co., Ltd.", domain};
            }
            return new String[] {city[0] + firm[0] + trade[0] + "有限公司", domain};
        }
        String brand = r.pick(BRANDS);
        String[] sector = SECTORS[industry % SECTORS.length];
        String word = sector[r.nextInt(2)];
        return new String[] {brand + " " + word + " " + LEGAL[region % LEGAL.length],
                ascii(brand) + "-" + ascii(word) + ".example"};
    }

    /** The subsidiary of a company in a city of its own region. */
    static String[] branch(Rng r, Profile p, String parentName, String parentDomain, int region) {
        String[] city = r.pick(p.regions().get(region).cities().toArray(new String[0][]));
        if (p.chinese()) {
            String base = parentName.endsWith("有限公司") ? parentName.substring(0, parentName.length() - 4)
                    : parentName.replace(" Co., Ltd.", "");
            return new String[] {base + (parentName.endsWith("有限公司") ? "（" + city[0] + "）分公司" : " " + cap(city[1])
                    + " Branch"), city[1] + "." + parentDomain};
        }
        return new String[] {parentName + " – " + city[0], city[1] + "." + parentDomain};
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'ü': out.append("ue"); break;
                case 'ö': out.append("oe"); break;
                case 'ä': out.append("ae"); break;
                case 'é': case 'è': out.append('e'); break;
                case ' ': out.append('-'); break;
                default:
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
