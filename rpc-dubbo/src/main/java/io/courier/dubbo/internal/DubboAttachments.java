package io.courier.dubbo.internal;

import java.util.HashMap;
import java.util.Map;

/** Dubbo's attachments as Courier carries them: text by key. */
final class DubboAttachments {

    private DubboAttachments() {}

    /** Dubbo's attachments are objects; those that are text, numbers or flags carry over as text. */
    static Map<String, String> text(Object read) {
        if (!(read instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> attachments = new HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() instanceof String key
                    && (entry.getValue() instanceof String
                            || entry.getValue() instanceof Number
                            || entry.getValue() instanceof Boolean)) {
                attachments.put(key, entry.getValue().toString());
            }
        }
        return attachments;
    }
}
