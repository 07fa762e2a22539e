package dev.tandem.route;

import org.graalvm.polyglot.HostAccess;

/**
 * The gateway of a trusted context (the command line), which may also record what it
 * measures: for this process, or for later ones too when {@code persist} ({@code tandem calibrate}).
 */
public final class CalibratingGateway extends KernelGateway {
    private final boolean persist;

    public CalibratingGateway(KernelRegistry registry, RoutePolicy policy, Calibrations calibrations, boolean persist) {
        super(registry, policy, calibrations);
        this.persist = persist;
    }

    /** Records {@code backend=ns,...} for {@code kernel}; IllegalArgumentException when malformed. */
    @HostAccess.Export
    public void storeCalibration(String kernel, String timings) {
        if (persist) {
            calibrations.store(kernel, timings);
        } else {
            calibrations.record(kernel, timings);
        }
    }
}
