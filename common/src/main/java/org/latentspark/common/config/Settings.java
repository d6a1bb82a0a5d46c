package org.latentspark.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import org.latentspark.common.UserInputException;

/** Typed, validated reads of configuration values; every failure names the key. */
final class Settings {
    private final Config config;

    Settings(Config config) {
        this.config = config;
    }

    private <T> T read(String key, java.util.function.Function<String, T> reader) {
        try {
            return reader.apply(key);
        } catch (ConfigException.Missing e) {
            throw new UserInputException("missing required key " + key);
        } catch (ConfigException e) {
            throw new UserInputException("configuration key " + key + ": " + e.getMessage(), e);
        }
    }

    String string(String key) {
        return read(key, config::getString);
    }

    /** A string that must not be empty, e.g. an input path that the chosen format needs. */
    String required(String key, String neededBy) {
        String value = string(key);
        if (value.isBlank()) {
            throw new UserInputException("missing required key " + key + " (needed by " + neededBy + ")");
        }
        return value;
    }

    String choice(String key, List<String> allowed) {
        String value = string(key);
        if (!allowed.contains(value)) {
            throw new UserInputException("configuration key " + key + ": unknown value '" + value
                    + "', expected one of " + allowed);
        }
        return value;
    }

    /** A whole number of at least {@code min}, or the word auto, read as {@code auto}: chosen later. */
    int intAtLeastOrAuto(String key, int min, int auto) {
        return auto(key) ? auto : intAtLeast(key, min);
    }

    /** A positive number, or the word auto, read as 0: chosen later from the data. */
    double positiveOrAuto(String key) {
        return auto(key) ? 0 : positive(key);
    }

    /** A number in [0, 1), or the word auto, read as {@code auto}: chosen later. */
    double fractionOrAuto(String key, double auto) {
        return auto(key) ? auto : fraction(key);
    }

    private boolean auto(String key) {
        return read(key, k -> config.getValue(k).valueType() == ConfigValueType.STRING
                && TrainSettings.AUTO.equals(config.getString(k)));
    }

    boolean bool(String key) {
        return read(key, config::getBoolean);
    }

    /** A duration such as 30s or 20m (HOCON's units); zero allowed, negative refused. */
    java.time.Duration duration(String key) {
        java.time.Duration value = read(key, config::getDuration);
        if (value.isNegative()) {
            throw new UserInputException("configuration key " + key + " must be zero or a positive duration, got "
                    + config.getString(key));
        }
        return value;
    }

    long longValue(String key) {
        return read(key, config::getLong);
    }

    int intAtLeast(String key, int min) {
        int value = read(key, config::getInt);
        if (value < min) {
            throw new UserInputException("configuration key " + key + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    double positive(String key) {
        double value = read(key, config::getDouble);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserInputException("configuration key " + key + " must be a positive number, got " + value);
        }
        return value;
    }

    double nonNegative(String key) {
        double value = read(key, config::getDouble);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserInputException("configuration key " + key + " must be zero or positive, got " + value);
        }
        return value;
    }

    double fraction(String key) {
        double value = read(key, config::getDouble);
        if (!(value >= 0 && value < 1)) {
            throw new UserInputException("configuration key " + key + " must be in [0, 1), got " + value);
        }
        return value;
    }

    List<String> strings(String key) {
        return List.copyOf(read(key, config::getStringList));
    }

    List<Long> longs(String key) {
        return List.copyOf(read(key, config::getLongList));
    }

    List<Integer> positiveInts(String key) {
        List<Integer> values = read(key, config::getIntList);
        for (int v : values) {
            if (v < 1) {
                throw new UserInputException("configuration key " + key + " must hold positive integers, got " + values);
            }
        }
        return List.copyOf(values);
    }
}
