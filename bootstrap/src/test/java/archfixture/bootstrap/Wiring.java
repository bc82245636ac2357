package archfixture.bootstrap;

/** The fixture's bootstrap: knowing it from an adapter is a violation. */
public class Wiring {
}
