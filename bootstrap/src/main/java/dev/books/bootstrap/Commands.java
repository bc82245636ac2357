package dev.books.bootstrap;

import dev.books.access.ApiKeys;
import dev.books.adapter.cli.ExitStatus;
import dev.books.adapter.cli.ExportCommand;
import dev.books.adapter.cli.ImportCommand;
import dev.books.adapter.cli.KeysCommand;
import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.application.BulkUseCases;
import dev.books.domain.Actor;
import dev.books.domain.StoreUnavailableException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the one-shot commands (migrate, import, export, keys): opens the database, runs, closes, says how it went.
 * Books imported from the command line are attributed to {@code cli:<the operating-system user>}.
 */
final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private Commands() {
    }

    static ExitStatus run(CommandLine.Invocation invocation, Settings config, InputStream stdin, PrintStream out,
            PrintStream err) {
        if (invocation instanceof CommandLine.Import request) {
            // Before starting a database for nothing.
            Optional<String> problem = ImportCommand.problemWith(request.file());
            if (problem.isPresent()) {
                err.println(problem.get());
                return ExitStatus.USAGE;
            }
        }
        try (WiredDatabase opened = WiredDatabase.open(config)) {
            PostgresDatabase database = opened.database();
            BulkUseCases bulk = BulkUseCases.using(database.bookReads(), database.bookBulkLoader(),
                    Clock.systemUTC());
            if (invocation instanceof CommandLine.Import request) {
                return new ImportCommand(bulk.importBooks(), stdin, out, err, operator())
                        .run(request.file(), request.strict());
            }
            KeysCommand keys = new KeysCommand(new ApiKeys(database.apiKeyStore(), Clock.systemUTC()),
                    Clock.systemUTC(), out, err);
            if (invocation instanceof CommandLine.CreateKey request) {
                return keys.create(request.name(), request.scopes(), request.lifetime());
            }
            if (invocation instanceof CommandLine.ListKeys) {
                return keys.list();
            }
            if (invocation instanceof CommandLine.RevokeKey request) {
                return keys.revoke(request.name());
            }
            if (invocation instanceof CommandLine.Export request) {
                return new ExportCommand(bulk.exportBooks(), out, err).run(request.file().orElse(null));
            }
            out.println("The database schema is up to date.");
            return ExitStatus.OK;
        } catch (ConfigException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (StoreUnavailableException e) {
            log.debug("The database is unavailable", e);
            err.println("The database is unavailable: " + e.getMessage() + "; nothing was changed.");
            return ExitStatus.FAILURE;
        } catch (RuntimeException e) {
            log.error("The command failed", e);
            err.println("The command failed: " + e + " (details in the log).");
            return ExitStatus.FAILURE;
        }
    }

    /** Who runs the command, as far as the machine knows. */
    private static Actor operator() {
        return Actor.named("cli:", System.getProperty("user.name", "unknown"));
    }
}
