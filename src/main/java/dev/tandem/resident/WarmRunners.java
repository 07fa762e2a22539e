package dev.tandem.resident;

/** The next {@link WarmRunner}: taken by a run, and replaced at once by a new one warming up. */
final class WarmRunners {
    private WarmRunner next = new WarmRunner();

    synchronized WarmRunner take() {
        WarmRunner taken = next;
        next = new WarmRunner();
        return taken;
    }
}
