package io.hascope.analysis;

import io.hascope.field.Severity;
import java.util.Map;

/**
 * One finding (analysis.md §5): its type and severity, the frame that proves it and its time, the DPU and peer,
 * the connection when there is one, a sentence a person can read, and type-specific detail for scripts.
 */
public record Finding(FindingType type, Severity severity, long frame, long timeNanos, String dpu, String peer,
                      Connection connection, String reason, Map<String, Object> detail) {
}
