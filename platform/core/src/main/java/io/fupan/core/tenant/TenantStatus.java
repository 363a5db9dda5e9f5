package io.fupan.core.tenant;

/** Whether a tenant's users may work. A suspended tenant's tokens are refused with 401. */
public enum TenantStatus {
    ACTIVE, SUSPENDED;

    /** The value stored in the database and written in tenant-config files. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TenantStatus ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
