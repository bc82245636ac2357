package dev.books.domain;

/**
 * The driven port through which many new books are stored at once (a bulk import), next to
 * {@link BookRepository} and over the same store: every implementation must pass the
 * {@code BookBulkLoaderContract} suite of the testkit.
 *
 * <p>A load is one unit of work: {@link #begin()} opens it, {@link BulkLoad#add} hands it batches, and
 * {@link BulkLoad#commit()} makes every book it kept visible at once; a load closed without a commit stores
 * nothing. The uniqueness rules hold as for {@link BookRepository#insert}: a book that breaks one, against the
 * stored books or against a book kept earlier in the same load, is skipped and reported, never stored, and a
 * stored book is never changed by a load.
 */
public interface BookBulkLoader {

    /**
     * Opens a load. Only one load runs at a time per store.
     *
     * @throws StoreUnavailableException when the store cannot be reached, or another load is in progress
     */
    BulkLoad begin();
}
