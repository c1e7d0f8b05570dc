package io.courier.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ServiceDescriptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ServiceMetadataTest {

    interface Feed {
        String latest(String topic);

        Flow.Publisher<String> follow(String topic);

        CompletableFuture<Integer> upload(Flow.Publisher<String> lines);
    }

    @Test
    void streamMethods_areLeftOut_becauseAGenericCallerCannotOpenAStream() {
        ServiceMetadata metadata = ServiceMetadata.of(ServiceDescriptor.of(Feed.class));

        assertThat(metadata.methods())
                .extracting(ServiceMetadata.MethodMetadata::descriptor)
                .containsExactly("latest(java.lang.String)");
        assertThat(ServiceMetadata.parse(metadata.toJson()).methods())
                .extracting(ServiceMetadata.MethodMetadata::name)
                .containsExactly("latest");
    }
}
