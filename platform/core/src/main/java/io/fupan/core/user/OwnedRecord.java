package io.fupan.core.user;

import java.util.UUID;

/** A sales record whose visibility and writes depend on its owner (see {@link Visibility}). */
public interface OwnedRecord {

    UUID ownerId();

    long version();
}
