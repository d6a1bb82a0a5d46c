import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Cuts a screenshot below its last non-white row (plus a margin): a tall headless window leaves blank space. */
public final class TrimScreenshot {
    public static void main(String[] args) throws IOException {
        File file = new File(args[0]);
        BufferedImage image = ImageIO.read(file);
        int last = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    last = y;
                    break;
                }
            }
        }
        int height = Math.min(image.getHeight(), last + 24);
        ImageIO.write(image.getSubimage(0, 0, image.getWidth(), height), "png", file);
    }
}
