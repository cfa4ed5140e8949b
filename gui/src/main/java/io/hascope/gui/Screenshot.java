package io.hascope.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A PNG of the window as it is drawn now (the README's screenshots). */
final class Screenshot {
    private Screenshot() {
    }

    static void write(Scene scene, Path file) throws IOException {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage image = scene.snapshot(null);
        // SwingFXUtils' own image type can make ImageIO write nothing (shared/notes/stack.md): draw it into ARGB
        BufferedImage fx = SwingFXUtils.fromFXImage(image, null);
        BufferedImage argb = new BufferedImage(fx.getWidth(), fx.getHeight(), BufferedImage.TYPE_INT_ARGB);
        argb.createGraphics().drawImage(fx, 0, 0, null);
        if (!ImageIO.write(argb, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
