package io.hascope.gui;

import javafx.application.Application;

/**
 * The GUI's entry point: a class that does not extend Application, so the shaded jar starts from the class path
 * (shared/notes/stack.md). Usage: hascope gui [FILE...] [--tap ADDR=IFACE ...] [--screenshot OUT.png [--view
 * packets|findings|tables|holds|timeline|scorecard]] [--bench FILE].
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        GuiOptions options;
        try {
            options = GuiOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hascope gui: " + e.getMessage());
            System.exit(2);
            return;
        }
        HascopeApp.options = options;
        Application.launch(HascopeApp.class, args);
    }
}
