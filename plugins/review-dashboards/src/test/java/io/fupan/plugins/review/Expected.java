package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expectations compute_expected.py wrote (review-fixture/expected.json) and the comparison of an
 * answer with one: every expected field present and equal, numbers to 1e-6, groups matched by key
 * (and no group more or less). Fields the script does not compute (labels, hints) are not compared.
 */
final class Expected {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode load() throws IOException {
        try (InputStream in = Expected.class.getResourceAsStream("/review-fixture/expected.json")) {
            return JSON.readTree(in);
        }
    }

    static Map<String, String> params(JsonNode query) {
        Map<String, String> p = new LinkedHashMap<>();
        query.get("params").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        return p;
    }

    static void assertMatches(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && expected.has("groups")) {
            assertThat(actual.has("groups")).as(where + ": groups").isTrue();
            Map<String, JsonNode> byKey = new LinkedHashMap<>();
            actual.get("groups").forEach(g -> byKey.put(g.get("key").isNull() ? null : g.get("key").asText(), g));
            Map<String, JsonNode> want = new LinkedHashMap<>();
            expected.get("groups").forEach(g -> want.put(g.get("key").isNull() ? null : g.get("key").asText(), g));
            assertThat(byKey.keySet()).as(where + ": group keys").containsExactlyInAnyOrderElementsOf(want.keySet());
            want.forEach((k, g) -> compare(where + "[" + k + "]", g, byKey.get(k)));
            return;
        }
        compare(where, expected, actual);
    }

    private static void compare(String where, JsonNode e, JsonNode a) {
        if (e.isNull()) {
            assertThat(a == null || a.isNull()).as(where + " should be null, was " + a).isTrue();
        } else if (e.isNumber()) {
            assertThat(a != null && a.isNumber()).as(where + " should be " + e + ", was " + a).isTrue();
            assertThat(Math.abs(e.asDouble() - a.asDouble())).as(where + ": expected " + e + ", was " + a)
                    .isLessThanOrEqualTo(1e-6);
        } else if (e.isObject()) {
            assertThat(a != null && a.isObject()).as(where + " should be an object, was " + a).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(a.has(f.getKey())).as(where + "." + f.getKey() + " is missing in " + a).isTrue();
                compare(where + "." + f.getKey(), f.getValue(), a.get(f.getKey()));
            }
        } else if (e.isArray()) {
            assertThat(a != null && a.isArray() && a.size() == e.size()).as(where + ": expected " + e + ", was " + a).isTrue();
            for (int i = 0; i < e.size(); i++) {
                compare(where + "[" + i + "]", e.get(i), a.get(i));
            }
        } else {
            assertThat(a).as(where).isNotNull();
            assertThat(a.asText()).as(where).isEqualTo(e.asText());
        }
    }
}
