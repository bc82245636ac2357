#!/usr/bin/env python3
"""Writes N generated, valid, unique books as NDJSON (or a JSON array with --array) to standard output.

Every title is unique (a numbered phrase), every ISBN-13 is unique with a valid check digit (978 + the record's
number in nine digits), authors repeat (a few thousand names), and the mix of optional fields is realistic:
nine in ten books have an ISBN, four in five a category, nineteen in twenty a year. Deterministic: the same N
always gives the same file.

    bench/generate-books.py 1000000 > /tmp/books-1m.ndjson
    bench/generate-books.py 100000 --from=1000001 > /tmp/books-next-100k.ndjson   # new books for a full catalogue
"""
import json
import random
import sys

WORDS = """silent harbor amber winds garden night river stone empire shadow light crown glass city dream winter
summer iron forest sea mountain fire letter house road storm song child queen king ghost machine orchard island
memory paper bridge wolf raven clock mirror library secret journey hollow lantern valley desert star moon sun ocean
field tower castle circle thread silver golden broken hidden lost last first long quiet burning falling rising
distant northern southern little great old new strange wild gentle bitter sweet salt ash cedar willow""".split()
FIRST = """Anna Maria John James Robert Mary Patricia Linda Michael William David Richard Joseph Thomas Charles Sarah
Karen Nancy Lisa Helen Sandra Donna Carol Ruth Sharon Laura Emily Jessica Cynthia Angela Melissa Amy Rebecca
Virginia Kathleen Martha Amanda Stephanie Christine Marie Janet Catherine Frances Joyce Diane Chinua Haruki Olga
Wisława Gabriel Ngũgĩ Chimamanda Orhan Elif Yasunari Naguib Isabel Jorge Clarice""".split()
LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson
Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
Mitchell Carter Roberts Tokarczuk Pamuk Shafak Kawabata Mahfouz Allende Borges Lispector Achebe Murakami""".split()
CATEGORIES = ["Fiction", "Science Fiction", "Fantasy", "Mystery", "Thriller", "Romance", "History", "Biography",
              "Poetry", "Philosophy", "Science", "Travel", "Children", "Classics", "Horror", "Drama", "Essays",
              "Cooking", "Art", "Economics"]


def isbn13(number):
    twelve = "978%09d" % number
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(twelve))
    return twelve + str((10 - total % 10) % 10)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    array = "--array" in sys.argv
    first = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--from=")), 1)
    count = int(args[0]) if args else 1000
    rng = random.Random(41 + first)
    authors = ["%s %s" % (rng.choice(FIRST), rng.choice(LAST)) for _ in range(5000)]
    out = sys.stdout
    write = out.write
    if array:
        write("[\n")
    for n in range(first, first + count):
        words = rng.sample(WORDS, 3)
        book = {"title": "The %s %s of the %s, Volume %d" % (words[0].capitalize(), words[1].capitalize(),
                                                           words[2].capitalize(), n),
                "author": rng.choice(authors)}
        if rng.random() < 0.8:
            book["category"] = rng.choice(CATEGORIES)
        if rng.random() < 0.9:
            book["isbn"] = isbn13(n)
        if rng.random() < 0.95:
            book["publishedYear"] = rng.randint(1800, 2025)
        line = json.dumps(book, ensure_ascii=False)
        if array:
            write(("  " if n == first else ", ") + line + "\n")
        else:
            write(line + "\n")
    if array:
        write("]\n")


if __name__ == "__main__":
    main()
