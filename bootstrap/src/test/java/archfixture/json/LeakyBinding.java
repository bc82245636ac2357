package archfixture.json;

import archfixture.adapter.http.LeakyController;

/** Breaks: the shared JSON binding knows an adapter (and JDBC), which would tie every adapter that uses it to both. */
public class LeakyBinding {

    public LeakyController controller;
    public java.sql.Connection connection;
}
