package io.fupan.api.data;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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

    /**
     * Every record matching {@code filters} (as {@link Query#filters()}), in id order, read from the
     * database in chunks and handed to {@code each} one at a time: for building a plugin's own facts
     * from the records that exist (a backfill), not for serving a request.
     *
     * @since 0.2.0
     */
    void forEach(Map<String, String> filters, Consumer<? super T> each);

    /**
     * As {@link #forEach(Map, Consumer)}, from the first record whose id is greater than {@code afterId}
     * (null: from the first): a backfill that ran out of time resumes where it stopped.
     *
     * @since 0.2.0
     */
    void forEach(Map<String, String> filters, UUID afterId, Consumer<? super T> each);

    /**
     * The records with these ids that the tenant has, in one round trip (at most {@link Query#MAX_SIZE}
     * ids); unknown ids are left out.
     *
     * @since 0.2.0
     */
    java.util.List<T> findAll(java.util.Collection<UUID> ids);
}
