package org.latentspark.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.latentspark.common.UserInputException;

/**
 * Layers configuration: the defaults shipped in conf/defaults.conf, then an optional HOCON file, then
 * {@code --set key=value} overrides. A key that the defaults do not know is rejected, so a typo cannot pass silently.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "latentspark/defaults.conf";

    private ConfigLoader() {
    }

    public static Config defaults() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE);
    }

    /**
     * @param configFile a HOCON file, or null
     * @param overrides  {@code key=value} strings; the value is HOCON (e.g. {@code model.hidden=[64,32]})
     */
    public static Config load(String configFile, List<String> overrides) {
        return load(defaults(), configFile, overrides);
    }

    /** Classpath HOCON resource layered over the defaults, e.g. a shipped example configuration. */
    public static Config resource(String name) {
        Config layer = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), name);
        if (layer.isEmpty()) {
            throw new IllegalStateException("configuration resource " + name + " missing from the classpath");
        }
        requireKnownKeys(layer, defaults(), name);
        return layer.withFallback(defaults());
    }

    /**
     * Layers a file and overrides over a base that already includes the defaults (for example, the configuration a
     * run was trained with, when evaluating it later).
     */
    public static Config load(Config base, String configFile, List<String> overrides) {
        Config defaults = defaults();
        if (defaults.isEmpty()) {
            throw new IllegalStateException("configuration defaults " + DEFAULTS_RESOURCE + " missing from the classpath");
        }
        // A run written by an earlier version lacks keys added since; they take today's defaults.
        Config merged = base.withFallback(defaults);
        if (configFile != null) {
            File file = new File(configFile);
            if (!file.isFile()) {
                throw new UserInputException("config file " + configFile + " does not exist");
            }
            Config fromFile = parse(() -> ConfigFactory.parseFile(file), "config file " + configFile);
            requireKnownKeys(fromFile, defaults, "config file " + configFile);
            merged = fromFile.withFallback(merged);
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("--set " + override + ": expected key=value");
            }
            Config one = override(override.substring(0, eq).trim(), override.substring(eq + 1), defaults, override);
            requireKnownKeys(one, defaults, "--set " + override);
            merged = one.withFallback(merged);
        }
        return parse(merged::resolve, "configuration");
    }

    /**
     * One --set override. Where the defaults hold a string, the value is taken as it is, so that URIs and paths
     * need no quoting (as HOCON, s3a://bucket/x would end at the comment marker //, and @ is reserved); a value in
     * double quotes is still read as a HOCON string. Any other value is HOCON (numbers, lists, objects).
     */
    private static Config override(String key, String value, Config defaults, String override) {
        boolean stringKey;
        try {
            stringKey = defaults.hasPath(key) && defaults.getValue(key).valueType() == ConfigValueType.STRING;
        } catch (ConfigException e) {
            stringKey = false;
        }
        if (stringKey && !value.trim().startsWith("\"")) {
            return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
        }
        return parse(() -> ConfigFactory.parseString(override), "--set " + override);
    }

    private static Config parse(java.util.function.Supplier<Config> parser, String source) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new UserInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static void requireKnownKeys(Config layer, Config defaults, String source) {
        for (Map.Entry<String, ConfigValue> entry : layer.entrySet()) {
            if (!defaults.hasPathOrNull(entry.getKey())) {
                throw new UserInputException("unknown configuration key '" + entry.getKey() + "' in " + source);
            }
            // A section set to a plain value (a key set twice, once as a section): name the key, not the first
            // setting of the section that is read.
            if (!defaults.getIsNull(entry.getKey())
                    && defaults.getValue(entry.getKey()).valueType() == ConfigValueType.OBJECT) {
                int line = entry.getValue().origin().lineNumber();
                throw new UserInputException("configuration key '" + entry.getKey() + "' in " + source
                        + (line > 0 ? " (line " + line + ")" : "") + " is set to a "
                        + entry.getValue().valueType().name().toLowerCase(java.util.Locale.ROOT)
                        + ", but it is a section of settings: set the keys inside it (" + entry.getKey() + ".…)");
            }
        }
    }
}
