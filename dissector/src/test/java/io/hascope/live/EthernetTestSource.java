package io.hascope.live;

/** A test's frame source: Ethernet frames of any length, under a name, with nothing to close. */
abstract class EthernetTestSource implements FrameSource {
    private final String name;

    EthernetTestSource(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int linkType() {
        return 1;
    }

    @Override
    public int snapLength() {
        return 65535;
    }

    @Override
    public void close() {
    }
}
