package io.fupan.api.data;

import java.util.List;

/**
 * One page of records.
 *
 * @param items the records of this page
 * @param page zero-based page number
 * @param size the page size asked for
 * @param total how many records match in all
 * @since 0.1.0
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
