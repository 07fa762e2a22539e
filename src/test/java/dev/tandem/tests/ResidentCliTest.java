package dev.tandem.tests;

import dev.tandem.tests.testing.ResidentProcesses;
import dev.tandem.tests.testing.TandemProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** Every test of {@link CliTest}, with tandem run through tandem-client and the resident process. */
class ResidentCliTest extends CliTest {
    @BeforeAll
    static void clientIsBuilt() {
        Assumptions.assumeTrue(ResidentProcesses.clientBuilt(), "tandem-client was not built (no cargo)");
    }

    @Override
    TandemProcess.Launch launch() {
        return TandemProcess.Launch.RESIDENT;
    }
}
