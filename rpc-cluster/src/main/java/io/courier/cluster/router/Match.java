package io.courier.cluster.router;

import java.util.Collection;
import java.util.List;

/**
 * One condition of a rule: {@code key = v1,v2} holds when the value matches any pattern,
 * {@code key != v1,v2} when it matches none. For the multi-valued {@code tags}, "the value matches"
 * means "some tag matches".
 *
 * @param field what is tested
 * @param metadataName for {@link Field#METADATA}, the entry's name; else empty
 * @param negated whether the operator is {@code !=}
 * @param patterns the values, at least one
 */
record Match(Field field, String metadataName, boolean negated, List<ValuePattern> patterns) {

    boolean test(String value) {
        return matchesAny(value) != negated;
    }

    boolean testAny(Collection<String> values) {
        boolean found = false;
        for (String value : values) {
            if (matchesAny(value)) {
                found = true;
                break;
            }
        }
        return found != negated;
    }

    private boolean matchesAny(String value) {
        for (ValuePattern pattern : patterns) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String key = field == Field.METADATA ? Field.METADATA_PREFIX + metadataName : field.name();
        return key + (negated ? " != " : " = ") + patterns;
    }
}
