package dev.tandem.lint;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule codes of the classic subset, which every backend of lint.check_files serves, and the
 * check that a selector names some of Ruff's rules: a selector outside the classic subset is
 * asked of Ruff's linter (lint.ruff_files), which serves every rule Ruff has.
 */
public final class RuleCodes {
    /** Every code of the classic subset; a classic selector is a prefix of one (or ALL). */
    public static final List<String> ALL = List.of((
            "E401 E402 E501 E701 E702 E703 E711 E712 E713 E714 E721 E722 E731 E741 E742 E743 E902 "
            + "F401 F402 F403 F404 F405 F406 F407 F501 F502 F503 F504 F505 F506 F507 F508 F509 F521 F522 "
            + "F523 F524 F525 F541 F601 F602 F621 F622 F631 F632 F634 F701 F702 F704 F706 F707 F722 F811 "
            + "F821 F822 F841 F842 F901 W291 W293").split(" "));

    /**
     * The classic selection: Ruff's default before 0.16, which every backend of lint.check_files
     * serves. Ruff's default since then is an empty selection (see {@link LintSettings}).
     */
    public static final List<String> DEFAULT_SELECT = List.of("E4", "E7", "E9", "F");

    private static final Pattern SELECTOR = Pattern.compile("[A-Z]+[0-9]*");

    private RuleCodes() {}

    /**
     * {@code "E4, f401"} (or a TOML list of such strings) as upper-case selectors, each one
     * classic or known to Ruff's linter.
     *
     * @param key    the setting, as Ruff names it: select, ignore, extend-select
     * @param source where it comes from, as Ruff's message says it: {@code the CLI}, a file
     * @throws LintUsageException for anything but a string or list, or a selector Ruff does not
     *     know (Ruff's own message); also when a selector beyond the classic subset cannot be
     *     checked because Ruff's library is not loaded
     */
    public static List<String> parse(Object value, String key, String source) {
        List<?> parts;
        if (value instanceof String text) {
            parts = List.of(text.split(",", -1));
        } else if (value instanceof List<?> list) {
            parts = list;
        } else {
            throw new LintUsageException("`" + key + "` from " + source + ": expected a list of rule codes, got " + value);
        }
        List<String> codes = new ArrayList<>();
        for (Object part : parts) {
            String code = String.valueOf(part).strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (!classic(code) && !(SELECTOR.matcher(code).matches() && knownToRuff(code, key, source))) {
                throw new LintUsageException("Unknown rule selector `" + code + "` in `" + key + "` from " + source);
            }
            codes.add(code);
        }
        return List.copyOf(codes);
    }

    /** Whether {@code select} is a selection inside the classic subset (an empty one is Ruff's default). */
    public static boolean classic(List<String> select) {
        return !select.isEmpty() && select.stream().allMatch(RuleCodes::classic);
    }

    /** The classic selectors of {@code codes}: an ignore list for the classic backends, which report no others. */
    public static List<String> classicOnly(List<String> codes) {
        return codes.stream().filter(RuleCodes::classic).toList();
    }

    /** Whether {@code code} is ALL or a prefix of a classic rule's code. */
    public static boolean classic(String code) {
        return code.equals("ALL")
                || (SELECTOR.matcher(code).matches() && ALL.stream().anyMatch(rule -> rule.startsWith(code)));
    }

    private static boolean knownToRuff(String code, String key, String source) {
        LintRuff ruff;
        try {
            ruff = new LintRuff();
        } catch (IllegalStateException unloaded) {
            throw new LintUsageException("`" + code + "` in `" + key + "` from " + source + " is beyond the classic "
                    + "rules (E4, E7, E9, F, W291, W293, E501), which only Ruff's linter serves, and its library is "
                    + NativeLibrary.ruff().summary());
        }
        try {
            ruff.ruff_files(List.of(), code, "", 88);
            return true;
        } catch (KernelException unknown) {
            return false;
        }
    }
}
