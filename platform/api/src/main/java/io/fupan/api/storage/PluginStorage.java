package io.fupan.api.storage;

import java.util.List;
import java.util.Optional;

/**
 * A plugin's own key/value storage for one tenant. Values are JSON documents (text). Rows carry the
 * tenant and the plugin id, and row-level security keeps them to the tenant: a plugin sees only its
 * own entries of its own tenant. Each call is its own transaction.
 *
 * @since 0.1.0
 */
public interface PluginStorage {

    /** The largest key, in characters. */
    int MAX_KEY = 200;
    /** The largest value, in characters. */
    int MAX_VALUE = 1_000_000;

    /** The JSON document under {@code key}. */
    Optional<String> get(String key);

    /**
     * Stores the JSON document {@code json} under {@code key}, replacing what was there.
     *
     * @throws IllegalArgumentException when the key is empty or too long, or the value is not JSON or too long
     */
    void put(String key, String json);

    /** Removes {@code key}; whether there was something to remove. */
    boolean delete(String key);

    /** Entries whose key starts with {@code prefix}, in key order, at most {@code limit} (1..1000). */
    List<Entry> list(String prefix, int limit);

    /** One stored entry. */
    record Entry(String key, String json) {}
}
