package archfixture.adapter.http.books;

import archfixture.adapter.http.edge.EdgeHandler;
import archfixture.adapter.http.problem.ProblemWriter;

/** Breaks: the book endpoints know the edge, another part of the HTTP adapter (the problems they may know). */
public class LeakyEndpoints {

    public ProblemWriter problems;
    public EdgeHandler edge;
}
