package archfixture.application;

/** A driving port of the fixture. */
public interface PlaceOrder {
    void place();
}
