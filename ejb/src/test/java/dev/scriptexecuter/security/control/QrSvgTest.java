package dev.scriptexecuter.security.control;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class QrSvgTest {

    private static final Pattern SQUARE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final int PIXELS_PER_MODULE = 4;

    @Test
    void aQrReaderReadsTheAddressBack() throws Exception {
        String uri = TwoFactorCodes.otpauthUri("ScriptExecuterServer", "ann", TwoFactorCodes.newSecret());
        String svg = QrSvg.of(uri, "QR code <for> \"ann\"");
        assertThat(read(svg)).isEqualTo(uri);
        assertThat(svg).contains("aria-label=\"QR code &lt;for&gt; &quot;ann&quot;\"").doesNotContain("<for>");
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        assertThat(Integer.parseInt(box.group(1))).as("the modules and a quiet zone of 4 each side")
                .isEqualTo(QrSvg.modules(uri) + 8);
    }

    /** Draws the SVG's squares into pixels, as a camera would see them, and decodes them. */
    private static String read(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1)) * PIXELS_PER_MODULE;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xffffff);
        Matcher square = SQUARE.matcher(svg);
        while (square.find()) {
            int x0 = Integer.parseInt(square.group(1)) * PIXELS_PER_MODULE;
            int y0 = Integer.parseInt(square.group(2)) * PIXELS_PER_MODULE;
            for (int y = y0; y < y0 + PIXELS_PER_MODULE; y++) {
                for (int x = x0; x < x0 + PIXELS_PER_MODULE; x++) {
                    pixels[y * size + x] = 0;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
