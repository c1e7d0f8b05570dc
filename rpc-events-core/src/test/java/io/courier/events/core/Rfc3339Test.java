package io.courier.events.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quick RFC 3339 writing and reading give what java.time gives, and leave every other text to it. */
class Rfc3339Test {

    @Test
    void writing_isInstantToString_andReadingGivesTheTimeBack() {
        SplittableRandom random = new SplittableRandom(66);
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            // whole seconds, the same second twice in a row, and times beyond the quick path's years
            long millis =
                    switch (i % 4) {
                        case 0 -> random.nextLong(0, last) / 1000 * 1000;
                        case 1 -> random.nextLong(-last, 2 * last);
                        default -> random.nextLong(0, last);
                    };
            Instant time = Instant.ofEpochMilli(millis);
            String text = Rfc3339.format(time);
            assertThat(text).isEqualTo(time.toString());
            assertThat(Rfc3339.parse(text)).isEqualTo(time);
        }
        Instant nanos = Instant.parse("2026-11-27T14:05:09.123456789Z");
        assertThat(Rfc3339.format(nanos)).isEqualTo(nanos.toString());
    }

    @Test
    void reading_agreesWithOffsetDateTime_onOtherForms_andRefusesWhatItRefuses() {
        for (String text : new String[] {
            "2026-11-27T14:05:09Z",
            "2026-11-27T14:05:09.1Z",
            "2026-11-27T14:05:09.123456789Z",
            "2026-11-27T15:05:09.250+01:00",
            "2026-11-27t14:05:09z",
            "2026-11-27T14:05:09.Z",
            "2024-02-29T23:59:59.999Z"
        }) {
            assertThat(Rfc3339.parse(text))
                    .as(text)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        for (String text : new String[] {
            "2026-02-30T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T14:60:00Z",
            "2026-11-27T14:05:60Z",
            "2026-11-27T14:05:09.1234567890Z",
            "2026-1a-27T14:05:09Z",
            "2026-11-27 14:05:09Z",
            "yesterday"
        }) {
            assertThatThrownBy(() -> Rfc3339.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
