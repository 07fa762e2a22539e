package dev.tandem.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The codes the linter can report, and the check that a selector names some of them. */
public final class RuleCodes {
    /** Every code the linter reports; a --select/--ignore entry must be a prefix of one (or ALL). */
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
     * {@code "E4, f401"} (or a TOML list of such strings) as upper-case selectors, each checked.
     *
     * @param where names the option or file in the error message
     * @throws LintUsageException for anything but a string or list, or an unknown selector
     */
    public static List<String> parse(Object value, String where) {
        List<?> parts;
        if (value instanceof String text) {
            parts = List.of(text.split(",", -1));
        } else if (value instanceof List<?> list) {
            parts = list;
        } else {
            throw new LintUsageException(where + ": expected a list of rule codes, got " + value);
        }
        List<String> codes = new ArrayList<>();
        for (Object part : parts) {
            String code = String.valueOf(part).strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (!known(code)) {
                throw new LintUsageException(where + ": unknown rule selector '" + code + "' (known: E4, E7, E9, F, "
                        + "W291, W293, E501, or any prefix of " + String.join(", ", ALL) + ")");
            }
            codes.add(code);
        }
        return List.copyOf(codes);
    }

    private static boolean known(String code) {
        return code.equals("ALL")
                || (SELECTOR.matcher(code).matches() && ALL.stream().anyMatch(rule -> rule.startsWith(code)));
    }
}
