package io.hascope.event;

/** The two wire dialects that decode into one event model (spec: hasync-v1.md, introduction). */
public enum Dialect {
    HASYNC, DASH
}
