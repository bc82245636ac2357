package dev.books.adapter.postgres;

/** Test data helpers for the bulk-load tests of this module. */
final class BookBulkLoaderFixtures {

    private BookBulkLoaderFixtures() {
    }

    /** A valid ISBN-13 for each number below a billion: 978, the number in nine digits, a check digit. */
    static String isbn(int number) {
        String twelve = "978" + String.format("%09d", number);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (twelve.charAt(i) - '0');
        }
        return twelve + (10 - sum % 10) % 10;
    }
}
