package archfixture.domain;

import archfixture.application.PlaceOrder;

/**
 * Breaks: the domain reaches for JDBC, for a logging library, for locale-dependent formatting (the part of
 * {@code java.text} beyond the normaliser) and for an outer ring (a cycle).
 */
public class LeakyBook {

    public java.sql.Connection connection;
    public java.text.DateFormat localFormat;
    public org.slf4j.Logger log;
    public PlaceOrder outerRing;
}
