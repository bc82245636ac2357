package archfixture.adapter.http;

import archfixture.adapter.postgres.LeakyRepository;
import archfixture.application.PlaceOrderService;
import archfixture.bootstrap.Wiring;

/** Breaks: the HTTP adapter knows the other adapter, the bootstrap, a use-case implementation and JDBC. */
public class LeakyController {

    public LeakyRepository repository;
    public PlaceOrderService implementation;
    public Wiring wiring;
    public java.sql.ResultSet rows;
}
