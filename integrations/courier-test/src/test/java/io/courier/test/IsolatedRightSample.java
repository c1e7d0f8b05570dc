package io.courier.test;

/** Run by {@link CourierExtensionTest} in parallel with {@link IsolatedLeftSample}. */
class IsolatedRightSample extends IsolatedSample {
    @Override
    String side() {
        return "right";
    }
}
