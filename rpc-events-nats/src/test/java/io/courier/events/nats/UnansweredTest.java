package io.courier.events.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UnansweredTest {

    @Test
    void aRequestWithoutAnswer_isATimeout_howeverWrapped() {
        CancellationException cancelled = new CancellationException(
                "Future cancelled, response not registered in time, check connection status.");
        assertThat(Unanswered.isTimeout(cancelled)).isTrue();
        assertThat(Unanswered.isTimeout(new CompletionException(cancelled))).isTrue();
        assertThat(Unanswered.isTimeout(new ExecutionException(new TimeoutException())))
                .isTrue();
        assertThat(Unanswered.isTimeout(new IOException("Timeout or no response waiting for NATS JetStream server")))
                .isTrue();
    }

    @Test
    void anAnswerThatRefuses_orALostConnection_isNot() {
        assertThat(Unanswered.isTimeout(new IOException("Connection reset"))).isFalse();
        assertThat(Unanswered.isTimeout(new CompletionException(new IllegalStateException(
                        "Unable to queue any more messages during reconnect, max buffer is 1048576"))))
                .isFalse();
        assertThat(Unanswered.isTimeout(new IOException("expected stream does not match")))
                .isFalse();
    }
}
