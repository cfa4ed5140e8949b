package io.hascope.gui;

import javafx.application.Application;

/**
 * The GUI's entry point: a class that does not extend Application, so the shaded jar starts from the class path
 * (shared/notes/stack.md). Usage: {@link GuiOptions#USAGE} (hascope gui --help).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (GuiOptions.asksForHelp(args)) {
            System.out.println(GuiOptions.USAGE);
            return;
        }
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
