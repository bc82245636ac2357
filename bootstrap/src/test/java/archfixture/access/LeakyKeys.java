package archfixture.access;

import archfixture.application.PlaceOrder;

/** Breaks: access control knows a use case (it may know only the domain: who an actor is). */
public class LeakyKeys {

    public PlaceOrder order;
    public java.sql.Connection connection;
}
