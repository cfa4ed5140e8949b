package io.hascope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registry is the one place a field is declared: it must hold every name of spec §8, once, described. */
class FieldRegistryTest {

    @Test
    void everyFieldNamedInSpecSection8IsRegistered() throws Exception {
        String spec = Files.readString(SharedFiles.resolve("spec/hasync-v1.md"));
        String section = spec.substring(spec.indexOf("## 8. Field names"));
        Matcher m = Pattern.compile("`([a-z0-9_]+(?:\\.[a-z0-9_]+)+)`").matcher(section);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            String name = m.group(1);
            named++;
            if (FieldRegistry.byName(name) == null) {
                missing.add(name);
            }
        }
        assertTrue(named > 100, "the section was found and read (" + named + " names)");
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFieldHasAUniqueNameALabelAndADescription() {
        Set<String> names = new HashSet<>();
        for (Field f : FieldRegistry.all()) {
            assertTrue(names.add(f.name()), "declared once: " + f.name());
            assertFalse(f.label().isBlank(), f.name());
            assertFalse(f.description().isBlank(), f.name());
            assertTrue(f.name().matches("[a-z0-9_]+(\\.[a-z0-9_]+)*"), "dotted lowercase name: " + f.name());
        }
        assertEquals(FieldRegistry.size(), names.size());
    }

    @Test
    void everyExpertKindIsAFilterableField() {
        for (ExpertKind k : ExpertKind.values()) {
            assertEquals(k.field(), FieldRegistry.byName("expert." + k.shortName()));
        }
    }
}
