package io.fupan.core.tenancy;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * UUID references that may be null ({@code ownerId}, {@code parentId}, …). EclipseLink 4.0.9's
 * own UUID converter throws a NullPointerException on a NULL column; PostgreSQL's driver reads and
 * writes {@link UUID} itself, so this converter only passes values through, nulls included.
 * (Converters never apply to ids, which are never null.)
 */
@Converter(autoApply = true)
public class UuidColumn implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value;
    }

    @Override
    public UUID convertToEntityAttribute(Object column) {
        return column == null ? null : column instanceof UUID u ? u : UUID.fromString(column.toString());
    }
}
