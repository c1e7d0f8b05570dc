package io.courier.cluster.strategy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.RouteKey;
import java.util.List;

/**
 * The exceptions a strategy completes a call with when it gives up. Every message names the
 * service, the method, the instances tried and the last cause, so that one log line explains the
 * failure.
 */
final class ClusterFailure {

    private ClusterFailure() {}

    /** No candidate is left after routing for a call with {@code key}. */
    static RpcException noProvider(CandidateSelector selector, RouteKey key) {
        int known = selector.candidates().size();
        StringBuilder message = new StringBuilder("No provider available for ")
                .append(selector.serviceKey())
                .append('#')
                .append(key.method().descriptor());
        if (key.tagged()) {
            message.append(" with tag '").append(key.tag()).append('\'');
            if (selector.options().forceTag()) {
                message.append(" (forced)");
            }
        }
        if (known == 0) {
            message.append(": no instance is known (expected: a running provider of this service with the same"
                    + " group and version, registered in the registry this consumer reads; check that one is"
                    + " started, that both sides use the same registry address, and that this consumer's"
                    + " application is not closed)");
        } else {
            message.append(": ")
                    .append(known)
                    .append(known == 1 ? " instance is" : " instances are")
                    .append(" known, none is left after routing (expected: an instance the call's tag and the"
                            + " service's dynamic configuration allow; check the tag, forceTag, disabled"
                            + " instances and condition rules)");
        }
        return new RpcException(ErrorCode.NO_PROVIDER, message.toString());
    }

    /**
     * The call failed on every attempt in {@code tried} (in order, an instance repeated if it was
     * tried twice) and stopped for {@code reason}. The code is the last cause's; the call counts as
     * not executed only if no attempt may have executed.
     */
    static RpcException gaveUp(
            CandidateSelector selector,
            RouteKey key,
            List<? extends Candidate> tried,
            RpcException last,
            boolean noneExecuted,
            String reason) {
        String message =
                "Failed to call " + selector.serviceKey() + "#" + key.method().descriptor()
                        + (key.tagged() ? " [tag " + key.tag() + "]" : "")
                        + " after " + tried.size() + (tried.size() == 1 ? " attempt" : " attempts")
                        + " on " + endpoints(tried) + " (" + reason + "); last cause: " + last;
        return new RpcException(last.code(), noneExecuted, message, last);
    }

    static String endpoints(List<? extends Candidate> candidates) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < candidates.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(candidates.get(i).instance().endpoint());
        }
        return text.append(']').toString();
    }
}
