package io.fupan.api.data;

import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's records of one kind, read-only.
 *
 * @param <T> the read model
 * @since 0.1.0
 */
public interface RecordSet<T> {

    /** The record with {@code id}, if the tenant has it. */
    Optional<T> find(UUID id);

    /** A page of records matching {@code query}. */
    Page<T> list(Query query);
}
