package io.fupan.core.custom;

import io.fupan.core.record.Json;
import java.util.List;
import java.util.Locale;

/** A custom attribute's definition as the API shows it; {@code choices} only for type {@code choice}. */
public record CustomAttributeView(String entity, String key, String type, String labelZh, String labelEn,
                                  List<String> choices) {

    static CustomAttributeView of(CustomAttribute a) {
        List<String> choices = a.choicesJson() == null ? null
                : ((List<?>) Json.read("{\"c\":" + a.choicesJson() + "}").get("c")).stream().map(String::valueOf).toList();
        return new CustomAttributeView(a.entity(), a.key(), a.type().name().toLowerCase(Locale.ROOT), a.labelZh(),
                a.labelEn(), choices);
    }
}
