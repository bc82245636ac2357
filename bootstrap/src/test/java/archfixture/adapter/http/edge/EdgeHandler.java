package archfixture.adapter.http.edge;

import archfixture.adapter.http.problem.ProblemWriter;

/** Allowed: the edge writes problems. */
public class EdgeHandler {

    public ProblemWriter problems;
}
