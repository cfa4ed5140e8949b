package io.hascope.live;

import io.hascope.capture.InterfaceInfo;
import java.util.List;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.model.LiveModel;
import io.hascope.model.ModelConfig;
import io.hascope.model.ModelRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live customer traffic through the DPU model, in real time: customer frames captured on one interface drive a
 * {@link LiveModel}, whose clock follows the wall clock a little behind (so a frame captured late still finds its
 * moment), and every HA frame the model's tap sees becomes a frame of this source, stamped with the model's time,
 * and is sent out of another interface when asked.
 */
public final class ModelSource implements FrameSource {
    /** How far the model stays behind the wall clock, for customer frames still on their way through the queue. */
    private static final long LAG = TimeUnit.MILLISECONDS.toNanos(5);
    private final LiveCapture customer;
    private final ModelConfig config;
    private final FrameInjector emit;
    private volatile boolean stopping;
    private volatile long customerFrames;
    private volatile int connections;
    private ModelRun truth;

    /**
     * emit may be null (the HA frames then only go to the session: its file and analysis). With two taps the frames
     * go to the session on two interfaces, a tap at each DPU's port, and cannot be emitted: one interface out would
     * carry each frame twice.
     */
    public ModelSource(LiveCapture customer, ModelConfig config, FrameInjector emit) {
        if (config.twoTaps && emit != null) {
            throw new IllegalArgumentException("the model's two taps cannot be sent out of one interface");
        }
        this.customer = customer;
        this.config = config;
        this.emit = emit;
    }

    @Override
    public String name() {
        return "model driven by " + customer.name();
    }

    /** The model's tap (as simulate names it), or its two taps, one at each DPU's port. */
    @Override
    public List<InterfaceInfo> captureInterfaces() {
        if (!config.twoTaps) {
            return FrameSource.super.captureInterfaces();
        }
        return List.of(new InterfaceInfo(0, linkType(), snapLength(), "tap-dpu-a", null, 1_000_000_000L, 0),
                new InterfaceInfo(1, linkType(), snapLength(), "tap-dpu-b", null, 1_000_000_000L, 0));
    }

    @Override
    public int linkType() {
        return LinkType.ETHERNET;
    }

    @Override
    public int snapLength() {
        return 65535;
    }

    @Override
    public void run(LiveCapture.Handler handler) throws LiveCaptureException {
        long startEpoch = System.currentTimeMillis() * 1_000_000L;
        long startMonotonic = System.nanoTime();
        LiveModel model;
        try {
            model = new LiveModel(config, new TapOutput(handler, startEpoch, emit));
        } catch (IOException e) {
            throw new LiveCaptureException("the model could not start: " + e.getMessage(), false);
        }
        FrameQueue incoming = new FrameQueue(1 << 16, 256L << 20);
        LiveCaptureException[] captureFailure = new LiveCaptureException[1];
        long[] numbered = {0};
        Thread capture = new Thread(() -> {
            try {
                customer.run((iface, bytes, time, length) -> incoming.offer(iface, bytes, time, length, ++numbered[0]));
            } catch (LiveCaptureException e) {
                captureFailure[0] = e;
            } finally {
                incoming.close();
            }
        }, "hascope-customer-capture");
        capture.setDaemon(true);
        capture.start();
        Frame frame = new Frame();
        int[] linkTypes = {customer.linkType()};
        try {
            while (!stopping && !incoming.finished()) {
                boolean any = false;
                while (incoming.poll(frame, linkTypes, 0)) {
                    feed(model, frame, startEpoch);
                    any = true;
                }
                model.advanceTo(System.nanoTime() - startMonotonic - LAG);
                connections = model.connections();
                if (!any) {
                    LockSupport.parkNanos(500_000);
                }
            }
            customer.stop();
            capture.join();
            while (incoming.poll(frame, linkTypes, 0)) {
                feed(model, frame, startEpoch);
            }
            model.advanceTo(System.nanoTime() - startMonotonic);
            truth = model.finish();
            connections = model.connections();
        } catch (UncheckedIOException e) {
            throw new LiveCaptureException(e.getCause().getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (captureFailure[0] != null) {
            throw captureFailure[0];
        }
    }

    private void feed(LiveModel model, Frame frame, long startEpoch) {
        if (model.customerFrame(frame, frame.timeNanos() - startEpoch)) {
            customerFrames++;
        }
    }

    /** The model's ground truth, once the run has ended (null before). */
    public ModelRun truth() {
        return truth;
    }

    /** Customer TCP and UDP frames that reached the model, and the connections they made. */
    public long customerFrames() {
        return customerFrames;
    }

    public int connections() {
        return connections;
    }

    @Override
    public void stop() {
        stopping = true;
    }

    /** What libpcap lost of the customer traffic. */
    @Override
    public LiveCapture.Drops drops() {
        return customer.drops();
    }

    @Override
    public void close() {
        customer.close();
        if (emit != null) {
            emit.close();
        }
    }

    /** The model's tap as this source's output: each frame to the session, and out of the emit interface. */
    private static final class TapOutput implements CaptureWriter {
        private final LiveCapture.Handler handler;
        private final long startEpoch;
        private final FrameInjector emit;
        private int interfaces;

        TapOutput(LiveCapture.Handler handler, long startEpoch, FrameInjector emit) {
            this.handler = handler;
            this.startEpoch = startEpoch;
            this.emit = emit;
        }

        @Override
        public int addInterface(int linkType, int snapLength, String name) {
            return interfaces++; // the model's tap, or its two (see captureInterfaces)
        }

        @Override
        public void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
                          int originalLength, String comment) throws IOException {
            byte[] copy = new byte[capturedLength];
            bytes.get(offset, copy, 0, capturedLength);
            if (emit != null) {
                try {
                    emit.send(copy);
                } catch (LiveCaptureException e) {
                    throw new IOException(e.getMessage());
                }
            }
            handler.frame(interfaceId, copy, startEpoch + timeNanos, originalLength);
        }

        @Override
        public void abort() {
        }

        @Override
        public void close() {
        }
    }
}
