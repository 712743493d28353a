package dev.scriptexecuter.security.control;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an SVG image, inline in the page (no image request, nothing for the content security policy to
 * allow): one path of unit squares, a quiet zone of four modules as the standard asks, scaled by the browser.
 */
public final class QrSvg {

    private static final int QUIET = 4;

    private QrSvg() {
    }

    public static String of(String text, String title) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + QUIET * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET).append(',').append(y + QUIET).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" role=\"img\""
                + " aria-label=\"" + escape(title) + "\" shape-rendering=\"crispEdges\"><title>" + escape(title)
                + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
                + "\"/></svg>";
    }

    /** The number of modules across, without the quiet zone (what the test reads back). */
    static int modules(String text) {
        return QrCode.encodeText(text, QrCode.Ecc.MEDIUM).size;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
