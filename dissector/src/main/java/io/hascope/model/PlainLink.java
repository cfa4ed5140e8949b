package io.hascope.model;

/** Datagrams straight over the channel: what is lost is lost. */
final class PlainLink implements Link {
    private final Model model;
    private final Dpu from;

    PlainLink(Model model, Dpu from) {
        this.model = model;
        this.from = from;
    }

    @Override
    public void send(int sourcePort, int destinationPort, byte[] payload, Runnable deliver, Sent sent) {
        long frame = model.tap.write(model.sim.now(), from, from.peerDpu, sourcePort, destinationPort, payload);
        sent.sent(frame, from.out.send(model.tap.arriving(frame, from, from.peerDpu, sourcePort, destinationPort,
                payload, deliver)));
    }
}
