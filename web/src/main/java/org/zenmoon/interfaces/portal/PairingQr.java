package org.zenmoon.interfaces.portal;

import io.nayuki.qrcodegen.QrCode;
import java.net.URI;

/**
 * The pairing link as a QR code drawn on the server: inline SVG markup, so that the page needs no script (the
 * Content-Security-Policy allows none inline) and no image request that could be cached or logged with the token.
 */
final class PairingQr {

    /** Light modules around the code, as the QR standard asks. */
    static final int QUIET_ZONE = 4;

    private PairingQr() {}

    /**
     * The code of {@code text} as an {@code <svg>} element: one square per dark module, a white background with the
     * quiet zone, and {@code title} as its accessible name.
     */
    static String svg(String text, String title) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(64 * qr.size)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"zm-qr\" role=\"img\" viewBox=\"0 0 ")
                .append(side)
                .append(' ')
                .append(side)
                .append("\" shape-rendering=\"crispEdges\"><title>")
                .append(escape(title))
                .append("</title><rect width=\"")
                .append(side)
                .append("\" height=\"")
                .append(side)
                .append("\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"");
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    svg.append('M')
                            .append(x + QUIET_ZONE)
                            .append(',')
                            .append(y + QUIET_ZONE)
                            .append("h1v1h-1z");
                }
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    /**
     * The API's base URI as a client reaches the page that asks, e.g. {@code https://school.example/api/v1/}: the
     * same the API itself puts into its pairing link.
     *
     * @param pageUrl the URL of the request, scheme, host and port included
     * @param contextPath the application's context path, {@code ""} at the root
     * @param apiPath the API's path under the context path, e.g. {@code /api/v1}
     */
    static String apiBase(String pageUrl, String contextPath, String apiPath) {
        return URI.create(pageUrl).resolve(contextPath + apiPath + "/").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
