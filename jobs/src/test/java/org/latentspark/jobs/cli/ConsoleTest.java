package org.latentspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleTest {
    @Test
    void onlyATerminalGetsTheProgressBar() {
        assertTrue(Console.isTerminal("/dev/pts/3"));
        assertTrue(Console.isTerminal("/dev/tty1"));
        assertFalse(Console.isTerminal("/var/log/airflow/task.log"));
        assertFalse(Console.isTerminal("pipe:[81234]"));
        // Surefire pipes the test JVM's stderr: no bar here, as under spark-submit or Airflow.
        assertFalse(Console.stderrIsTerminal());
    }
}
