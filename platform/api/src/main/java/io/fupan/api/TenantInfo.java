package io.fupan.api;

/**
 * The tenant a plugin instance serves, as a plugin may see it.
 *
 * @param id the tenant id
 * @param name display name
 * @param plan the tenant's plan ({@code lite}, {@code enterprise}, …)
 * @param timeZone IANA zone id, e.g. {@code Asia/Shanghai}
 * @param currency ISO 4217 code of the tenant's default currency
 * @param locale BCP 47 tag of the tenant's language, e.g. {@code zh-CN}
 * @since 0.1.0
 */
public record TenantInfo(TenantId id, String name, String plan, String timeZone, String currency, String locale) {}
