package dev.books.adapter.http.books;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Builds the one Bean Validation factory the adapter uses. */
final class Validators {

    private static final String LOGGING_PROVIDER = "org.jboss.logging.provider";

    private Validators() {
    }

    /**
     * Hibernate Validator with {@link ParameterMessageInterpolator}: our messages use only {@code {max}}-style
     * parameters, so no Expression Language implementation is needed (nor its cost, nor EL in messages).
     * Its logging is routed to SLF4J unless the application chose otherwise; jboss-logging reads the property
     * once, when Hibernate Validator first logs, so it is set before the factory is built.
     */
    static ValidatorFactory build() {
        if (System.getProperty(LOGGING_PROVIDER) == null) {
            System.setProperty(LOGGING_PROVIDER, "slf4j");
        }
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        // Introspect the constrained record now rather than on the first request.
        factory.getValidator().getConstraintsForClass(RawText.class);
        return factory;
    }
}
