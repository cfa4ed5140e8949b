package io.hascope.field;

/** Wireshark's expert levels, lowest first. */
public enum Severity {
    CHAT(1), NOTE(2), WARN(3), ERROR(4);

    private final int level;

    Severity(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
