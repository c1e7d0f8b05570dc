package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolOptionsTest {

    @Test
    void defaults_areDocumentedValues() {
        ProtocolOptions options = ProtocolOptions.defaults();
        assertThat(options.maxFrameLength()).isEqualTo(8 * 1024 * 1024);
        assertThat(options.maxAttachments()).isEqualTo(64);
        assertThat(options.maxAttachmentBytes()).isEqualTo(16 * 1024);
        assertThat(options.maxDepth()).isEqualTo(100);
        assertThat(options.maxCollectionLength()).isEqualTo(1 << 20);
        assertThat(options.maxStringLength()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void maxFrameLength_zeroOrNegative_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> ProtocolOptions.builder().maxFrameLength(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength: 0 (expected: > 0)");
        assertThatThrownBy(() -> ProtocolOptions.builder().maxFrameLength(-1).build())
                .hasMessage("maxFrameLength: -1 (expected: > 0)");
    }

    @Test
    void maxFrameLength_thatOverflowsWithTheHeader_isRejected() {
        assertThatThrownBy(() -> ProtocolOptions.builder()
                        .maxFrameLength(Integer.MAX_VALUE)
                        .build())
                .hasMessage("maxFrameLength: 2147483647 (expected: <= 2147483631)");
    }

    @Test
    void otherLimits_negative_areRejectedNamingTheKey() {
        assertThatThrownBy(() -> ProtocolOptions.builder().maxAttachments(-1).build())
                .hasMessage("maxAttachments: -1 (expected: >= 0)");
        assertThatThrownBy(
                        () -> ProtocolOptions.builder().maxAttachmentBytes(-5).build())
                .hasMessage("maxAttachmentBytes: -5 (expected: >= 0)");
        assertThatThrownBy(() -> ProtocolOptions.builder().maxDepth(0).build())
                .hasMessage("maxDepth: 0 (expected: > 0)");
        assertThatThrownBy(
                        () -> ProtocolOptions.builder().maxCollectionLength(-1).build())
                .hasMessage("maxCollectionLength: -1 (expected: >= 0)");
        assertThatThrownBy(() -> ProtocolOptions.builder().maxStringLength(-1).build())
                .hasMessage("maxStringLength: -1 (expected: >= 0)");
    }

    @Test
    void toBuilder_keepsEveryValue() {
        ProtocolOptions options = ProtocolOptions.builder()
                .maxFrameLength(1024)
                .maxAttachments(3)
                .maxAttachmentBytes(100)
                .maxDepth(7)
                .maxCollectionLength(9)
                .maxStringLength(11)
                .build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }
}
