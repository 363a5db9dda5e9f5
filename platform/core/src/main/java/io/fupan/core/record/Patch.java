package io.fupan.core.record;

import java.util.Set;

/**
 * A partial update: the values of an input record and which of its fields the caller actually sent
 * (an absent field keeps its value; a field sent as null clears it).
 */
public record Patch<T>(T values, Set<String> fields) {

    public Patch {
        fields = Set.copyOf(fields);
    }

    public boolean has(String field) {
        return fields.contains(field);
    }

    /** Every component of an input record: what a create sets. */
    public static Set<String> allOf(Class<? extends Record> type) {
        return ALL.get(type);
    }

    private static final ClassValue<Set<String>> ALL = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return java.util.Arrays.stream(type.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
    };
}
