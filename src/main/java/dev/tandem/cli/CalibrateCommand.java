package dev.tandem.cli;

import dev.tandem.route.RoutePolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem calibrate}: measures every backend of every kernel for {@code auto} routing. */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Measure every available backend of every kernel on its sample and store the figures",
                       "that `auto` routing chooses by (in ~/.cache/tandem/calibration.properties)."})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.0",
            description = "Time spent per backend and kernel (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= 60)) {
            System.err.println("tandem calibrate: --seconds must be in (0, 60], got " + seconds);
            return 2;
        }
        return new ScriptLauncher(System.err, RoutePolicy.AUTO).persistingCalibrations()
                .runTool("import tandem._route\ntandem._route.calibrate_all(" + seconds + ")");
    }
}
