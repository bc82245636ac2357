package archfixture.adapter.http.exchange;

/** Allowed: every part of the HTTP adapter reads what it must know of a request (its principal) here. */
public class Principals {
}
