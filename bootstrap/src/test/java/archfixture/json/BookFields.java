package archfixture.json;

/** Allowed: the JSON binding the HTTP and command-line adapters share lives outside {@code adapter}, as no adapter. */
public class BookFields {
}
