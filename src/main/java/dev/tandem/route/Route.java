package dev.tandem.route;

import java.util.Optional;

/**
 * The {@link Router}'s answer: {@code kernel} runs on {@code backend}; {@code note} says why
 * when {@code auto} fell back to the only backend it had (for the caller to show once).
 */
public record Route(String kernel, Backend backend, Optional<String> note) {}
