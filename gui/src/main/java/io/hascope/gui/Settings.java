package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.decode.DissectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * What the user set in Preferences, kept in the user's preferences: the ports and heuristics of the dissector and the
 * analysis thresholds (analyze's options, in milliseconds). Applied to the next capture opened.
 */
final class Settings {
    private static final Preferences PREFS = Preferences.userNodeForPackage(Settings.class).node("settings");
    String hasyncPorts = Integer.toString(DissectorConfig.DEFAULT_HASYNC_PORT);
    String dpPorts = Integer.toString(DissectorConfig.DEFAULT_DP_PORT);
    boolean heuristics = true;
    /** How many findings a live capture lists (the first made; the rest are counted): live's default. */
    long liveFindings = 1_000_000;
    final AnalysisConfig analysis = new AnalysisConfig();

    static Settings load() {
        Settings s = new Settings();
        s.hasyncPorts = PREFS.get("hasyncPorts", s.hasyncPorts);
        s.dpPorts = PREFS.get("dpPorts", s.dpPorts);
        s.heuristics = PREFS.getBoolean("heuristics", true);
        s.liveFindings = PREFS.getLong("liveFindings", s.liveFindings);
        AnalysisConfig a = s.analysis;
        a.replyTimeout = PREFS.getLong("replyTimeout", a.replyTimeout);
        a.divergenceGrace = PREFS.getLong("divergenceGrace", a.divergenceGrace);
        a.zombieGrace = PREFS.getLong("zombieGrace", a.zombieGrace);
        a.haTimeout = PREFS.getLong("haTimeout", a.haTimeout);
        a.failoverSilence = PREFS.getLong("failoverSilence", a.failoverSilence);
        a.maxNack = PREFS.getInt("maxNack", a.maxNack);
        a.idleTimeout = PREFS.getLong("idleTimeout", a.idleTimeout);
        a.dashResends = PREFS.getBoolean("dashResends", false);
        try {
            s.dissector();
            a.validate();
            if (s.liveFindings < 0) {
                throw new IllegalArgumentException("negative count of live findings");
            }
            return s;
        } catch (IllegalArgumentException e) {
            return new Settings(); // stored values no longer valid: the defaults
        }
    }

    void save() {
        PREFS.put("hasyncPorts", hasyncPorts);
        PREFS.put("dpPorts", dpPorts);
        PREFS.putBoolean("heuristics", heuristics);
        PREFS.putLong("liveFindings", liveFindings);
        PREFS.putLong("replyTimeout", analysis.replyTimeout);
        PREFS.putLong("divergenceGrace", analysis.divergenceGrace);
        PREFS.putLong("zombieGrace", analysis.zombieGrace);
        PREFS.putLong("haTimeout", analysis.haTimeout);
        PREFS.putLong("failoverSilence", analysis.failoverSilence);
        PREFS.putInt("maxNack", analysis.maxNack);
        PREFS.putLong("idleTimeout", analysis.idleTimeout);
        PREFS.putBoolean("dashResends", analysis.dashResends);
    }

    /** The dissector configuration; throws IllegalArgumentException naming a bad port list. */
    DissectorConfig dissector() {
        return new DissectorConfig(ports("hasync ports", hasyncPorts), ports("DP ports", dpPorts), heuristics);
    }

    static List<Integer> ports(String what, String text) {
        List<Integer> out = new ArrayList<>();
        for (String p : text.split("[,\\s]+")) {
            if (p.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(p);
                if (v < 0 || v > 65535) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + p + "' is not a port (0-65535)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + ": give at least one port");
        }
        return out;
    }
}
