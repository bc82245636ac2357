package archfixture.adapter.http;

import archfixture.adapter.postgres.LeakyRepository;
import archfixture.application.PlaceOrderService;
import archfixture.bootstrap.Wiring;
import archfixture.json.BookFields;

/** Breaks: the HTTP adapter knows the other adapter, the bootstrap, a use-case implementation and JDBC. */
public class LeakyController {

    /** Allowed: the shared JSON binding is not an adapter. */
    public BookFields fields;

    public LeakyRepository repository;
    public PlaceOrderService implementation;
    public Wiring wiring;
    public java.sql.ResultSet rows;
}
