// The UI's two languages. Every visible string comes from i18n/<locale>.json (both files hold the
// same keys: WebMessagesTest checks it). Numbers, money, dates and times are formatted with Intl in
// the chosen locale; times in the tenant's time zone (METRICS.md: stored in UTC, shown in the
// tenant's zone). The choice is remembered in localStorage — a preference, not a credential.

export const LOCALES = ['zh-CN', 'en'];
const CHOICE = 'fupan.locale';

export const i18n = { locale: 'en', messages: {}, timeZone: undefined, currency: 'CNY' };

export function initialLocale() {
  const chosen = localStorage.getItem(CHOICE);
  if (LOCALES.includes(chosen)) {
    return chosen;
  }
  return (navigator.languages || [navigator.language]).some(l => l && l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export async function setLocale(locale, remember = false) {
  const response = await fetch(`app/i18n/${locale}.json`);
  if (!response.ok) {
    throw new Error(`messages of ${locale}: HTTP ${response.status}`);
  }
  i18n.messages = await response.json();
  i18n.locale = locale;
  document.documentElement.lang = locale;
  if (remember) {
    localStorage.setItem(CHOICE, locale);
  }
}

/** The tenant's time zone and currency, once known from /me. */
export function setTenant(tenant) {
  i18n.timeZone = tenant?.timeZone || undefined;
  i18n.currency = tenant?.currency || 'CNY';
}

/** The message of key with {name} placeholders filled; the key itself when it is missing (visible in tests). */
export function t(key, params) {
  const text = i18n.messages[key];
  if (text === undefined) {
    return key;
  }
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m)) : text;
}

/** A message that depends on a count: key.one, key.other… by the language's plural rules ({count} filled in). */
export function tn(key, count, params = {}) {
  const rule = new Intl.PluralRules(i18n.locale).select(Number(count));
  const chosen = i18n.messages[`${key}.${rule}`] !== undefined ? `${key}.${rule}` : `${key}.other`;
  return t(chosen, { ...params, count: fmtNumber(count) });
}

/** A message when it exists, else null (for values the server sends, such as activity types). */
export function tMaybe(key) {
  return i18n.messages[key] ?? null;
}

export function fmtNumber(value, digits = 0) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(Number(value));
}

export function fmtMoney(amount, currency) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(i18n.locale, { style: 'currency', currency: currency || i18n.currency, maximumFractionDigits: 0 })
    .format(Number(amount));
}

export function fmtPercent(fraction, digits = 1) {
  if (fraction === null || fraction === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits })
    .format(Number(fraction));
}

export function fmtDate(value) {
  if (!value) {
    return '—';
  }
  // A bare date (yyyy-mm-dd) is a calendar day: shown as is, not shifted by a time zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeZone: i18n.timeZone }).format(new Date(value));
}

export function fmtDateTime(value) {
  if (!value) {
    return '—';
  }
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: i18n.timeZone })
    .format(new Date(value));
}

/** A stage's label in the current language, from the tenant's pipeline. */
export function stageLabel(pipeline, key) {
  const stage = pipeline?.stages.find(s => s.key === key);
  if (!stage) {
    return key;
  }
  return (i18n.locale === 'zh-CN' ? stage.labelZh : stage.labelEn) || stage.labelEn || stage.labelZh || key;
}

/** Today in the tenant's time zone, as yyyy-mm-dd. */
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: i18n.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}
