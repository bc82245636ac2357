package archfixture.domain;

import archfixture.application.PlaceOrder;

/** Breaks: the domain reaches for JDBC, for a logging library, and for an outer ring (a cycle). */
public class LeakyBook {

    public java.sql.Connection connection;
    public org.slf4j.Logger log;
    public PlaceOrder outerRing;
}
