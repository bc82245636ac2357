package archfixture.domain;

import java.text.Normalizer;

/** Allowed: the domain normalises Unicode text with the JDK's normaliser. */
public class NormalisedTitle {

    public String value(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }
}
