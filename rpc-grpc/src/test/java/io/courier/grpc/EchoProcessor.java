package io.courier.grpc;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A bidirectional stream's answer for the tests: each request becomes the messages {@code answer}
 * makes of it, delivered as the subscriber asks; requests are read one at a time as answers are taken.
 */
final class EchoProcessor<I, O> implements Flow.Publisher<O> {

    private final Flow.Publisher<I> requests;
    private final Function<I, List<O>> answer;

    EchoProcessor(Flow.Publisher<I> requests, Function<I, List<O>> answer) {
        this.requests = requests;
        this.answer = answer;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super O> subscriber) {
        requests.subscribe(new Flow.Subscriber<I>() {
            private final ArrayDeque<O> ready = new ArrayDeque<>();
            private Flow.Subscription upstream;
            private long demand;
            private boolean done;
            private boolean asked;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                upstream = subscription;
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        synchronized (EchoProcessor.this) {
                            demand += n;
                        }
                        deliver();
                    }

                    @Override
                    public void cancel() {
                        upstream.cancel();
                    }
                });
            }

            @Override
            public void onNext(I item) {
                List<O> answers;
                try {
                    answers = answer.apply(item);
                } catch (RuntimeException e) {
                    upstream.cancel();
                    subscriber.onError(e);
                    return;
                }
                synchronized (EchoProcessor.this) {
                    ready.addAll(answers);
                    asked = false;
                }
                deliver();
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                synchronized (EchoProcessor.this) {
                    done = true;
                }
                deliver();
            }

            private void deliver() {
                while (true) {
                    O next = null;
                    boolean complete = false;
                    boolean askMore = false;
                    synchronized (EchoProcessor.this) {
                        if (demand > 0 && !ready.isEmpty()) {
                            next = ready.poll();
                            demand--;
                        } else if (ready.isEmpty() && done) {
                            done = false;
                            complete = true;
                        } else if (ready.isEmpty() && demand > 0 && !asked) {
                            asked = true;
                            askMore = true;
                        }
                    }
                    if (next != null) {
                        subscriber.onNext(next);
                    } else {
                        if (complete) {
                            subscriber.onComplete();
                        }
                        if (askMore) {
                            upstream.request(1);
                        }
                        return;
                    }
                }
            }
        });
    }
}
