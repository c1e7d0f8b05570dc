package io.courier.test;

/** Run by {@link CourierExtensionTest} in parallel with {@link IsolatedRightSample}. */
class IsolatedLeftSample extends IsolatedSample {
    @Override
    String side() {
        return "left";
    }
}
