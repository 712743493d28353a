package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.control.QrSvg;
import dev.scriptexecuter.security.control.TwoFactorCodes;

/**
 * A new TOTP secret, shown once to be put into an authenticator app: as text (base 32, for typing in), as the
 * {@code otpauth://} address, and as that address in a QR code (an SVG image). It counts once a code from it is
 * confirmed.
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrSvg) {

    static TotpEnrolment of(String issuer, String username, String secret) {
        String uri = TwoFactorCodes.otpauthUri(issuer, username, secret);
        return new TotpEnrolment(secret, uri, QrSvg.of(uri, "QR code of the secret for " + username));
    }
}
