package org.latentspark.jobs.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.latentspark.common.UserInputException;

/** Run ids: given ones are checked to be safe path segments; default ones are time-based and unique. */
final class RunIds {
    private RunIds() {
    }

    static String resolve(String given) {
        if (given == null) {
            return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
        }
        if (!given.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new UserInputException("--run-id '" + given + "': use letters, digits, '.', '_' and '-' only");
        }
        return given;
    }

    static String required(String given, String command) {
        if (given == null) {
            throw new UserInputException(command + " needs --run-id: the run to work on");
        }
        return resolve(given);
    }
}
