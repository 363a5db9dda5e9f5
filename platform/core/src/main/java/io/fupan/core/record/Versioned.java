package io.fupan.core.record;

import java.util.UUID;

/** A record as the API shows it: its id and its version (the ETag to send back in If-Match). */
public interface Versioned {

    UUID id();

    long version();
}
