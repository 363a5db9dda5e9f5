package io.fupan.api.i18n;

import java.util.Locale;

/**
 * A plugin's own texts, from {@code i18n/messages.properties} (English, the fallback) and
 * {@code i18n/messages_zh_CN.properties} etc. in its jar, formatted with {@link java.text.MessageFormat}.
 *
 * @since 0.1.0
 */
public interface Messages {

    /** The text of {@code key} in {@code locale} (falling back to English), with {@code args} filled in; the key itself if missing. */
    String get(Locale locale, String key, Object... args);

    /** The text of {@code key} in the tenant's language. */
    String get(String key, Object... args);
}
