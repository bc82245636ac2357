package archfixture.adapter.http.edge;

import archfixture.adapter.http.exchange.Principals;
import archfixture.adapter.http.problem.ProblemWriter;

/** Allowed: the edge writes problems and logs who sent a request. */
public class EdgeHandler {

    public ProblemWriter problems;
    public Principals principals;
}
