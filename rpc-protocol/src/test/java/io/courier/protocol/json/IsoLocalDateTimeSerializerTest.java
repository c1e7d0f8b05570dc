package io.courier.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoLocalDateTimeSerializerTest {

    private static String written(Object value) throws JsonProcessingException {
        return JsonMappers.writing().writeValueAsString(value);
    }

    private static String iso(LocalDateTime value) {
        return '"' + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value) + '"';
    }

    @Test
    void writesWhatTheIsoFormatterPrints() throws JsonProcessingException {
        List<LocalDateTime> edges = List.of(
                LocalDateTime.of(2026, 11, 22, 10, 0),
                LocalDateTime.of(2026, 11, 22, 10, 0, 5),
                LocalDateTime.of(0, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 500_000_000),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 120_000),
                LocalDateTime.of(10_000, 1, 1, 0, 0),
                LocalDateTime.of(-1, 1, 1, 0, 0),
                LocalDateTime.MIN,
                LocalDateTime.MAX);
        for (LocalDateTime value : edges) {
            assertThat(written(value)).as("%s", value).isEqualTo(iso(value));
        }
        SplittableRandom random = new SplittableRandom(45);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime value = LocalDateTime.of(
                    random.nextInt(0, 10_000),
                    random.nextInt(1, 13),
                    random.nextInt(1, 29),
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            assertThat(written(value)).as("%s", value).isEqualTo(iso(value));
        }
    }

    static final class Formatted {
        @JsonFormat(pattern = "yyyy/MM/dd HH:mm")
        LocalDateTime at = LocalDateTime.of(2026, 11, 22, 10, 5, 7);

        LocalDateTime plain = LocalDateTime.of(2026, 11, 22, 10, 5, 7);
    }

    @Test
    void keepsAPropertysOwnFormatAndTimestamps() throws JsonProcessingException {
        assertThat(written(new Formatted()))
                .isEqualTo("{\"at\":\"2026/11/22 10:05\",\"plain\":\"2026-11-22T10:05:07\"}");
        assertThat(JsonMappers.writing()
                        .writer()
                        .with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writeValueAsString(LocalDateTime.of(2026, 11, 22, 10, 5, 7)))
                .isEqualTo("[2026,11,22,10,5,7]");
    }
}
