package archfixture.adapter.http.problem;

/** Allowed: every part of the HTTP adapter writes its errors through the problems. */
public class ProblemWriter {
}
