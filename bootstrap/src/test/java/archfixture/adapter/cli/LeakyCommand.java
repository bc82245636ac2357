package archfixture.adapter.cli;

import archfixture.adapter.postgres.LeakyRepository;
import archfixture.bootstrap.Wiring;
import archfixture.json.BookFields;

/** Breaks: the command-line adapter knows another adapter, the bootstrap, JDBC and HTTP. */
public class LeakyCommand {

    /** Allowed: the shared JSON binding is not an adapter. */
    public BookFields fields;

    public LeakyRepository repository;
    public Wiring wiring;
    public java.sql.Connection connection;
    public io.javalin.http.Context http;
}
