package io.fupan.core.tenancy;

import io.fupan.core.record.TimeOrderedIds;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A row that belongs to one tenant. {@code tenant_id} is EclipseLink's tenant discriminator and
 * the first column of the primary key: it is never a field, so no code can set or change it.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id", primaryKey = true)
public abstract class TenantRow {

    @Id
    private UUID id = TimeOrderedIds.newId();

    public UUID id() {
        return id;
    }
}
