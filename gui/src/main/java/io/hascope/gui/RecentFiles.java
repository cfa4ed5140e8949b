package io.hascope.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The recent-files list, kept in the user's preferences (newest first, at most ten, only files that still exist). */
final class RecentFiles {
    private static final int KEEP = 10;
    private static final Preferences PREFS = Preferences.userNodeForPackage(RecentFiles.class);

    private RecentFiles() {
    }

    static List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String s : PREFS.get("recent", "").split("\n")) {
            if (!s.isBlank() && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    static void add(Path file) {
        List<Path> l = list();
        Path p = file.toAbsolutePath();
        l.remove(p);
        l.add(0, p);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(KEEP, l.size()); i++) {
            sb.append(l.get(i)).append('\n');
        }
        PREFS.put("recent", sb.toString());
    }
}
