package archfixture.adapter.postgres;

import archfixture.application.PlaceOrder;

/** Breaks: the PostgreSQL adapter knows the use cases and HTTP. */
public class LeakyRepository {

    public PlaceOrder useCase;
    public io.javalin.http.Context http;
}
