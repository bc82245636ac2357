package dev.books.adapter.http.books;

import dev.books.application.BookUseCases;
import dev.books.application.IdempotentRequests;
import io.javalin.config.JavalinConfig;
import jakarta.validation.ValidatorFactory;

/** The five book endpoints under {@code /books}: JSON in and out, in front of the use cases. */
public final class BookRoutes {

    private BookRoutes() {
    }

    /**
     * Registers the book routes with {@code cfg}.
     *
     * @param maxBodyBytes the largest request body read
     */
    public static void register(JavalinConfig cfg, BookUseCases useCases, IdempotentRequests idempotency,
                                int maxBodyBytes) {
        BookJsonCodec json = new BookJsonCodec();
        ValidatorFactory validation = Validators.build();
        BookEndpoints books = new BookEndpoints(useCases, new IdempotentCreates(idempotency),
                new BookRequestBinder(validation.getValidator()), new JsonBodyReader(json, maxBodyBytes), json);

        cfg.routes.get("/books", books::list);
        cfg.routes.head("/books", books::list);
        cfg.routes.post("/books", books::create);
        cfg.routes.get("/books/{id}", books::get);
        cfg.routes.head("/books/{id}", books::get);
        cfg.routes.patch("/books/{id}", books::update);
        cfg.routes.delete("/books/{id}", books::delete);

        cfg.events.serverStopped(validation::close);
    }
}
