package io.hascope.field;

/** Expert info: every finding the dissector raises about a frame. */
public final class ExpertFields {
    public static final ValueNames SEVERITIES = ValueNames.of(1, "chat", 2, "note", 3, "warn", 4, "error");
    public static final Field SEVERITY = Field.enumerated("expert.severity", "Severity", SEVERITIES,
            "1 chat, 2 note, 3 warn, 4 error (filter by name: expert.severity == error)");
    public static final Field MESSAGE = Field.of("expert.message", "Message", FieldType.STRING,
            "What is wrong, in one sentence");
    public static final Field OFFSET = Field.uint("expert.offset", "Offset", "Byte offset in the frame where it was found");

    private ExpertFields() {
    }

    static void load() {
    }
}
