#!/usr/bin/env python3
"""Writes a reproducible set of mistyped searches for a catalogue made by generate-books.py, as TSV on stdout.

    bench/search-queries.py BOOKS_FILE SEED COUNT > queries.tsv

For COUNT records of BOOKS_FILE picked by SEED (the same file, seed and count always give the same set), the search
a reader might type for that book: the three words of its title ("The Silent Harbor of the Amber, Volume 12" →
silent harbor amber) and the author's surname, with exactly one of those four words mistyped: two neighbouring
letters swapped, one letter left out, or one letter added. Columns: record number (the line of BOOKS_FILE), the
search text, the kind of slip, where it is (title or surname), the intended book's title (unique in the file).
"""
import json
import random
import re
import sys

TITLE = re.compile(r"The (\w+) (\w+) of the (\w+), Volume \d+$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def slip(word, rng):
    while True:
        kind = rng.choice(["transposition", "missing", "extra"])
        if kind == "transposition":
            i = rng.randrange(len(word) - 1)
            typed = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif kind == "missing":
            i = rng.randrange(len(word))
            typed = word[:i] + word[i + 1:]
        else:
            i = rng.randrange(len(word) + 1)
            typed = word[:i] + rng.choice(LETTERS) + word[i:]
        if typed != word:  # swapping "ll" changes nothing: try again
            return kind, typed


def main():
    path, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        total = sum(1 for _ in f)
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(1, total + 1), count))
    wanted = set(picked)
    books = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if n in wanted:
                books[n] = json.loads(line)
    for n in picked:
        book = books[n]
        words = [w.lower() for w in TITLE.match(book["title"]).groups()] + [book["author"].split()[-1].lower()]
        at = rng.randrange(len(words))
        kind, words[at] = slip(words[at], rng)
        print("\t".join([str(n), " ".join(words), kind, "surname" if at == 3 else "title", book["title"]]))


if __name__ == "__main__":
    main()
