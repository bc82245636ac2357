package archfixture.application;

import archfixture.domain.LeakyBook;

/** Breaks: a use-case implementation (public, but still an implementation) that reaches for java.net. */
public class PlaceOrderService implements PlaceOrder {

    public java.net.URI endpoint;
    public LeakyBook book;

    @Override
    public void place() {
    }
}
