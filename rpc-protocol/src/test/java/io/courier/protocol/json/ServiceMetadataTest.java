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
    void streamMethods_areListed_withTheirKindAndMessageSchemas_andReadBack() {
        ServiceMetadata metadata = ServiceMetadata.of(ServiceDescriptor.of(Feed.class));

        ServiceMetadata read = ServiceMetadata.parse(metadata.toJson());
        assertThat(read).isEqualTo(metadata);
        assertThat(read.methods())
                .extracting(ServiceMetadata.MethodMetadata::name)
                .containsExactly("follow", "latest", "upload");
        ServiceMetadata.MethodMetadata follow = read.methods().get(0);
        assertThat(follow.serverStream()).isTrue();
        assertThat(follow.streamParameter()).isEqualTo(-1);
        assertThat(follow.result().path("type").asText()).isEqualTo("string");
        ServiceMetadata.MethodMetadata upload = read.methods().get(2);
        assertThat(upload.serverStream()).isFalse();
        assertThat(upload.streamParameter()).isZero();
        assertThat(upload.parameters().get(0).schema().path("type").asText()).isEqualTo("string");
        assertThat(read.methods().get(1).stream()).isFalse();
    }

    @Test
    void plainMethods_documentIsUnchanged_noStreamFields() {
        String json = new String(
                ServiceMetadata.of(ServiceDescriptor.of(Feed.class)).toJson(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("\"streamParameter\":0").contains("\"serverStream\":true");
        assertThat(json.substring(json.indexOf("\"name\":\"latest\""), json.indexOf("\"name\":\"upload\"")))
                .doesNotContain("stream");
    }

    @Test
    void aStreamParameterOutsideTheParameters_isRefused() {
        String json = "{\"format\":1,\"service\":\"x.Feed\",\"methods\":[{\"name\":\"f\",\"descriptor\":\"f()\","
                + "\"parameters\":[],\"streamParameter\":3}]}";

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServiceMetadata.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamParameter 3");
    }
}
