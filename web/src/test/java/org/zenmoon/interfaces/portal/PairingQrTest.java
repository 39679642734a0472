package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.zenmoon.interfaces.rest.DeviceResource;

/** The pairing link and its QR code as the children page shows them. */
class PairingQrTest {

    static final String TOKEN = "zmd.3f2a9c1e-tenant.8d1b-device.Qm9vX2Jhcl9iYXotcXV4LXF1dXgtY29yZ2UtZ3JhdWx0";

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLinkCarriesTheServerAndTheTokenUrlEncoded() {
        assertThat(DeviceResource.pairingUri("http://localhost:8080/api/v1/", "zmd.t-1.d_2.a+b/c="))
                .isEqualTo("zenmoon://pair?server=http%3A%2F%2Flocalhost%3A8080%2Fapi%2Fv1%2F"
                        + "&token=zmd.t-1.d_2.a%2Bb%2Fc%3D");
    }

    @Test
    void theApiBaseIsThatOfThePagesOwnServerAndContextPath() {
        assertThat(PairingQr.apiBase("https://school.example/zen/portal/admin/children.xhtml", "/zen", "/api/v1"))
                .isEqualTo("https://school.example/zen/api/v1/");
        assertThat(PairingQr.apiBase("http://localhost:8080/portal/admin/children.xhtml", "", "/api/v1"))
                .isEqualTo("http://localhost:8080/api/v1/");
    }

    @Test
    void theCodeIsSvgWithFinderPatternsAQuietZoneAndNoTextOfTheLink() throws Exception {
        String link = DeviceResource.pairingUri("https://school.example/api/v1/", TOKEN);
        String svg = PairingQr.svg(link, "QR code of the pairing link <for the app> & more");

        Element root = parse(svg).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("QR code of the pairing link <for the app> & more");
        Matcher box = Pattern.compile("0 0 (\\d+) (\\d+)").matcher(root.getAttribute("viewBox"));
        assertThat(box.matches()).isTrue();
        int side = Integer.parseInt(box.group(1));
        assertThat(box.group(2)).isEqualTo(box.group(1));
        int size = side - 2 * PairingQr.QUIET_ZONE;
        assertThat(size)
                .as("a QR code's side: 21 modules for version 1, 4 more per version")
                .isBetween(21, 177);
        assertThat((size - 21) % 4).isZero();
        assertThat(size).as("a link of this length needs a version above 1").isGreaterThan(21);

        // The top-left finder pattern: a dark 7x7 ring starting at the quiet zone's edge, then a light separator.
        String d = ((Element) root.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        assertThat(d).contains("M4,4h1", "M10,4h1", "M4,10h1", "M10,10h1", "M6,6h1");
        assertThat(d).doesNotContain("M11,4h1", "M5,5h1", "M3,4h1");
        // Every square lies inside the code, none in the quiet zone.
        Matcher square = Pattern.compile("M(\\d+),(\\d+)").matcher(d);
        int squares = 0;
        while (square.find()) {
            squares++;
            assertThat(Integer.parseInt(square.group(1))).isBetween(4, side - 5);
            assertThat(Integer.parseInt(square.group(2))).isBetween(4, side - 5);
        }
        assertThat(squares).isGreaterThan(size * size / 4);
        assertThat(svg).doesNotContain("Qm9vX2Jh", "zenmoon://");
    }
}
