package io.docfleet.config;

/** A configuration value that docfleet cannot start with; the message names the variable. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String variable, String accepts, String got) {
    super(variable + ": expected " + accepts + ", got '" + got + "'");
  }

  public ConfigException(String message) {
    super(message);
  }
}
