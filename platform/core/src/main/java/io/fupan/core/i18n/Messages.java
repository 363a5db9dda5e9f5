package io.fupan.core.i18n;

import java.text.MessageFormat;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The language of the request being served, and the server's own messages in it. The API answers
 * people in zh-CN or en (the UI's two languages); the server's web filter picks one from the
 * request's Accept-Language and holds it for the request's thread, so that a service refusing an
 * input words its message in that language. An asynchronous import runs under the language of
 * whoever sent the file (kept with its job); other work without a request (jobs, events) speaks
 * English. Machine-readable parts of an answer (problem types, field paths) never depend on it.
 *
 * <p>Texts are in {@code io/fupan/core/i18n/messages*.properties} (UTF-8), as {@link MessageFormat}
 * patterns; a key missing in zh-CN falls back to English, never to the JVM's default locale.
 */
public final class Messages {

    public static final Locale EN = Locale.ENGLISH;
    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(ZH_CN, EN);

    private static final String BUNDLE = "io.fupan.core.i18n.messages";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ThreadLocal<Locale> CURRENT = new ThreadLocal<>();

    private Messages() {}

    /** The language of the current request: zh-CN or en (en when none was chosen). */
    public static Locale locale() {
        Locale l = CURRENT.get();
        return l == null ? EN : l;
    }

    /** Sets the current thread's language (null: English); returns the one it replaces. */
    public static Locale use(Locale locale) {
        Locale before = CURRENT.get();
        if (locale == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(locale);
        }
        return before;
    }

    /**
     * The first of the wanted languages (in the order of preference an Accept-Language header gives)
     * that the API speaks: any Chinese is zh-CN, any English en; none of them is English.
     */
    public static Locale negotiate(Enumeration<Locale> wanted) {
        while (wanted != null && wanted.hasMoreElements()) {
            Locale l = wanted.nextElement();
            if ("zh".equalsIgnoreCase(l.getLanguage())) {
                return ZH_CN;
            }
            if ("en".equalsIgnoreCase(l.getLanguage())) {
                return EN;
            }
        }
        return EN;
    }

    /** The message {@code key} in the current language, with {@code args} filled in. */
    public static String get(String key, Object... args) {
        return in(locale(), key, args);
    }

    /** The message {@code key} in {@code locale} (English when that language lacks it). */
    public static String in(Locale locale, String key, Object... args) {
        String pattern = pattern(locale, key);
        if (pattern == null) {
            pattern = pattern(EN, key);
        }
        if (pattern == null) {
            throw new MissingResourceException("no message " + key, BUNDLE, key);
        }
        return args.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(args);
    }

    /** A kind of record ("lead", "custom attribute") as the current language names it. */
    public static String kind(String kind) {
        return has("kind." + kind) ? get("kind." + kind) : kind;
    }

    /** Whether there is a message {@code key} (e.g. a title for an HTTP status). */
    public static boolean has(String key) {
        return pattern(EN, key) != null;
    }

    private static String pattern(Locale locale, String key) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_DEFAULT_LOCALE);
            return bundle.containsKey(key) ? bundle.getString(key) : null;
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
