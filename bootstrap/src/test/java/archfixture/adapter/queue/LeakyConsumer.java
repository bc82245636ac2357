package archfixture.adapter.queue;

import archfixture.adapter.http.LeakyController;

/** Breaks: an adapter no rule names (added after the rules were written) knows another adapter. */
public class LeakyConsumer {

    public LeakyController controller;
}
