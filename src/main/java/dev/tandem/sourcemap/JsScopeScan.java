package dev.tandem.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scan of a JavaScript text for its function scopes and the tokens that name them: a
 * faithful port of {@code _Scan} in {@code python/tandem/sourcemap/_js_scopes.py} (the rules,
 * the same tokens, the same stack of open brackets; method names follow the reference's).
 * Token indices below zero wrap from the end where the reference's Python lists do, so that the
 * two agree on every text. Offsets are UTF-16 while scanning and code points in the result.
 */
final class JsScopeScan {
    private static final int NAME = 0;
    private static final int STR = 1;
    private static final int NUM = 2;
    private static final int PUNCT = 3;

    // The reference's _TOKEN without its strings and template (scanned by hand below, which
    // needs no regex recursion per character); groups: 1 skip, 2 name, 3 num, 4 punct, 5 slash.
    private static final Pattern TOKEN = Pattern.compile(
            "([\\s\\x{1C}-\\x{1F}\\x{FEFF}]++|//[^\\n\\r\\x{2028}\\x{2029}]*+|/\\*.*?\\*/)"
                    + "|(\\#?[A-Za-z_$\\x{80}-\\x{10FFFF}][\\w$\\x{80}-\\x{10FFFF}]*+)"
                    + "|(\\.?\\d[\\w.]*+)"
                    + "|(=>|\\.\\.\\.|\\?\\.(?!\\d)|[=!]==?|[<>]=?|&&=?|\\|\\|=?|\\?\\?=?|\\*\\*=?|<<=?|>>>?=?"
                    + "|\\+\\+|--|[-+*%&|^]=|[{}()\\[\\];,<>+\\-*%&|^!~?:=.@])"
                    + "|(/=?)",
            Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> BEFORE_EXPRESSION = Set.of(
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
            "yield", "await");
    private static final Set<String> CONTROL = Set.of("if", "for", "while", "switch", "catch", "with");
    private static final Set<String> ASSIGN = Set.of("=", "||=", "&&=", "??=");
    private static final Set<String> MODIFIERS_OR_ACCESSORS = Set.of("static", "async", "get", "set");
    private static final Set<String> STATEMENT = Set.of(
            "return", "throw", "case", "default", "else", "do", "export", "extends", "var", "let", "const");
    private static final Set<String> ENDS_EXPRESSION = Set.of(",", ";", ")", "]", "}");
    private static final Set<String> OBJECT_AFTER_WORD = Set.of("return", "yield", "await", "typeof", "void", "in", "of");
    private static final Set<String> NO_OBJECT_AFTER = Set.of(")", ";", "{", "}", "]");

    /** An identifier of the text at {@code offset} (the reference's NameToken). */
    private record NameToken(String text, int offset) { }

    /** A function scope; {@code name} a list of NameToken and String parts, or null. */
    private record Scope(int start, int end, List<Object> name) { }

    /** An open bracket: "(", "[", "{", "${", or an arrow's expression body ("arrow"). */
    private static final class Open {
        final String kind;
        final int token;
        final Scope scope;
        final String container; // for "{": "class", "object" or "block"
        final List<Object> context; // a class's name parts, for its methods
        int questions; // for an arrow's expression body: the "?" not yet matched by a ":"

        Open(String kind, int token, Scope scope, String container, List<Object> context) {
            this.kind = kind;
            this.token = token;
            this.scope = scope;
            this.container = container;
            this.context = context;
        }
    }

    private final String text;
    private int[] kinds = new int[256];
    private int[] starts = new int[256];
    private int[] opening = new int[256]; // a ")", "]" or "}" -> its opening bracket's index; -1: none
    private final List<String> texts = new ArrayList<>();
    private final BitSet blockClose = new BitSet();
    private final List<Open> stack = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private int size;
    private int pendingClassDepth = -1;
    private int pendingClassToken;
    private boolean pendingArrow;
    private int pendingArrowBegin;
    private List<Object> pendingArrowName;
    private int lastEnd;

    JsScopeScan(String text) {
        this.text = text;
        Arrays.fill(opening, -1);
    }

    int[] run() {
        int position = 0;
        int end = text.length();
        Matcher match = TOKEN.matcher(text);
        while (position < end) {
            char first = text.charAt(position);
            if (first == '\'' || first == '"') {
                int after = stringEnd(position);
                if (after < 0) { // an unclosed string: step over its quote
                    position++;
                } else {
                    add(STR, text.substring(position, after), position);
                    position = after;
                }
                continue;
            }
            if (first == '`') {
                position = template(position + 1);
                continue;
            }
            match.region(position, end);
            if (!match.lookingAt()) { // a character no token starts with (a stray "\"): step over it
                position++;
                continue;
            }
            if (match.start(1) >= 0) {
                position = match.end();
                continue;
            }
            if (match.start(5) >= 0 && regexMayStart()) {
                int after = regexEnd(position);
                if (after >= 0) {
                    add(STR, text.substring(position, after), position);
                    position = after;
                    continue;
                }
            }
            int start = position;
            position = match.end();
            String token = match.group();
            if (match.start(2) >= 0) {
                name(token, start);
            } else if (match.start(3) >= 0) {
                add(NUM, token, start);
            } else {
                position = punct(token, start, position);
            }
        }
        endArrows();
        while (!stack.isEmpty()) { // unclosed brackets (a truncated text): their scopes end with it
            close(stack.remove(stack.size() - 1), end);
        }
        return packed();
    }

    /** The end of the string literal whose quote is at {@code at}, or -1 when it does not close on its line. */
    private int stringEnd(int at) {
        char quote = text.charAt(at);
        int i = at + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                return i + 1;
            } else if (c == '\\' && i + 1 < text.length()) {
                i += 2;
            } else if (c == '\\' || c == '\n' || c == '\r') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The end of the regular expression literal whose "/" is at {@code at}, or -1 when there is none. */
    private int regexEnd(int at) {
        int i = at + 1;
        int end = text.length();
        while (i < end) {
            char c = text.charAt(i);
            if (c == '/') {
                if (i == at + 1) {
                    return -1;
                }
                i++;
                while (i < end && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                return i;
            } else if (c == '\\') {
                if (i + 1 >= end || text.charAt(i + 1) == '\n') {
                    return -1;
                }
                i += 2;
            } else if (c == '[') {
                i = classEnd(i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '\n' || c == '\r') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** After a regular expression's character class that opens before {@code i}, or -1. */
    private int classEnd(int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ']') {
                return i + 1;
            } else if (c == '\\') {
                if (i + 1 >= text.length() || text.charAt(i + 1) == '\n') {
                    return -1;
                }
                i += 2;
            } else if (c == '\n' || c == '\r') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private void add(int kind, String token, int start) {
        if (pendingArrow && !(kind == PUNCT && token.equals("{"))) {
            pendingArrow = false;
            stack.add(new Open("arrow", size, new Scope(start(pendingArrowBegin), -1, pendingArrowName), null, null));
        }
        if (size == kinds.length) {
            int grown = size * 2;
            kinds = Arrays.copyOf(kinds, grown);
            starts = Arrays.copyOf(starts, grown);
            opening = Arrays.copyOf(opening, grown);
            Arrays.fill(opening, size, grown, -1);
        }
        kinds[size] = kind;
        starts[size] = start;
        texts.add(token);
        size++;
        lastEnd = start + token.length();
    }

    private void name(String token, int start) {
        if (token.equals("class") && !previousIs(".")) {
            pendingClassDepth = stack.size();
            pendingClassToken = size;
        }
        add(NAME, token, start);
    }

    /**
     * Scans a template literal's text from {@code position}; a "${" opens a bracket whose "}"
     * comes back here. Returns the position after the closing backtick or the "${".
     */
    private int template(int position) {
        int i = position;
        boolean substitution = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                i++;
                break;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                i += 2;
                substitution = true;
                break;
            } else {
                i++;
            }
        }
        add(STR, "`", position - 1); // each part of the text is an operand
        lastEnd = i;
        if (substitution) {
            stack.add(new Open("${", size - 1, null, null, null));
        }
        return i;
    }

    private int punct(String token, int start, int position) {
        if (ENDS_EXPRESSION.contains(token)) {
            endArrows();
        } else if ((token.equals("?") || token.equals(":")) && !stack.isEmpty() && top().kind.equals("arrow")
                && !pendingArrow) {
            Open arrow = top();
            if (token.equals("?")) {
                arrow.questions++;
            } else if (arrow.questions > 0) {
                arrow.questions--;
            } else { // c ? x => y : z
                endArrows();
            }
        }
        switch (token) {
            case "(", "[" -> {
                add(PUNCT, token, start);
                stack.add(new Open(token, size - 1, null, null, null));
            }
            case "{" -> openBrace(start);
            case ")", "]", "}" -> {
                int index = size;
                add(PUNCT, token, start);
                if (stack.isEmpty()) {
                    return position;
                }
                Open opened = stack.remove(stack.size() - 1);
                opening[index] = opened.token;
                if (token.equals("}")) {
                    if (opened.kind.equals("${")) { // back into the template's text
                        return template(position);
                    }
                    if ("block".equals(opened.container) && opened.scope == null) {
                        blockClose.set(index);
                    }
                }
                close(opened, start + 1);
            }
            case "=>" -> {
                add(PUNCT, token, start);
                int begin = arrowStart(size - 1);
                List<Object> inferred = inferred(begin, List.of(), false, stack.size() - 1);
                pendingArrow = true;
                pendingArrowBegin = begin;
                pendingArrowName = inferred;
            }
            default -> add(PUNCT, token, start);
        }
        return position;
    }

    private void openBrace(int start) {
        int index = size;
        Scope scope = null;
        String container = "block";
        List<Object> context = null;
        if (pendingArrow) { // "=> {": the arrow's body
            pendingArrow = false;
            scope = new Scope(start(pendingArrowBegin), -1, pendingArrowName);
        } else if (pendingClassDepth >= 0 && pendingClassDepth == stack.size()) {
            int begin = pendingClassToken;
            pendingClassDepth = -1;
            List<Object> name = className(begin);
            container = "class";
            context = name;
            scope = new Scope(start(begin), -1, name == null ? null : prefixed("new ", name));
        } else if (previousIs(")")) {
            scope = functionBefore(opening(index - 1, -1));
        } else if (objectMayStart()) {
            container = "object";
        }
        add(PUNCT, "{", start);
        stack.add(new Open("{", index, scope, container, context));
    }

    private void close(Open opened, int end) {
        if (opened.scope != null) {
            scopes.add(new Scope(opened.scope.start(), end, opened.scope.name()));
        }
    }

    /** Closes the arrows' expression bodies open on top: they end with the last token. */
    private void endArrows() {
        while (!stack.isEmpty() && top().kind.equals("arrow")) {
            close(stack.remove(stack.size() - 1), lastEnd);
        }
    }

    private boolean previousIs(String token) {
        return size >= 1 && kinds[size - 1] == PUNCT && texts.get(size - 1).equals(token);
    }

    private boolean regexMayStart() {
        if (size == 0) {
            return true;
        }
        int index = size - 1;
        int kind = kinds[index];
        String token = texts.get(index);
        if (kind == NAME) {
            return BEFORE_EXPRESSION.contains(token);
        }
        if (kind != PUNCT) {
            return false;
        }
        if (token.equals(")")) { // if (...) /re/.test(s)
            int opened = opening(index, -1);
            return opened > 0 && CONTROL.contains(text(opened - 1));
        }
        if (token.equals("}")) {
            return blockClose.get(index);
        }
        return !token.equals("]");
    }

    private boolean objectMayStart() {
        if (size == 0) {
            return false;
        }
        int kind = kinds[size - 1];
        String token = texts.get(size - 1);
        if (kind == NAME) {
            return OBJECT_AFTER_WORD.contains(token);
        }
        return kind == PUNCT && !NO_OBJECT_AFTER.contains(token);
    }

    /** The first token of the arrow function whose "=>" is token {@code arrow}. */
    private int arrowStart(int arrow) {
        int before = arrow - 1;
        int begin = text(before).equals(")") ? opening(before, before) : before;
        if (begin > 0 && text(begin - 1).equals("async") && kind(begin - 1) == NAME) {
            begin--;
        }
        return begin;
    }

    /**
     * The scope of a function whose parameters open at token {@code opened} (its body's "{"
     * follows their ")"), or null when the parentheses are a statement's (if, for, ...).
     */
    private Scope functionBefore(int opened) {
        if (opened <= 0) {
            return null;
        }
        int before = opened - 1;
        String word = word(before);
        int keyword = text(before).equals("*") ? before - 1 : before; // function* (...)
        if ("function".equals(word(keyword))) { // an anonymous function
            int begin = withAsync(keyword);
            return new Scope(start(begin), -1, inferred(begin, List.of(), false, stack.size() - 1));
        }
        if (word != null && !CONTROL.contains(word)) {
            keyword = previousAt(before - 1, "*") ? before - 2 : before - 1;
            if ("function".equals(word(keyword))) { // function f(...)
                int begin = withAsync(keyword);
                List<Object> name = new ArrayList<>(List.of(new NameToken(word, start(before))));
                if (begin > 0 && kind(begin - 1) == PUNCT && !";{})".contains(text(begin - 1))) {
                    // an expression: where it stands names it, its own name last (as Sentry)
                    List<Object> inferred = inferred(begin, List.of(), false, stack.size() - 1);
                    List<Object> parts = new ArrayList<>(inferred == null ? List.of("") : inferred);
                    parts.remove(parts.size() - 1);
                    parts.addAll(name);
                    name = parts;
                }
                return new Scope(start(begin), -1, name);
            }
            return method(before);
        }
        if (kind(before) == STR || kind(before) == NUM || text(before).equals("]")) {
            return method(before);
        }
        return null;
    }

    private int withAsync(int index) {
        return "async".equals(word(index - 1)) ? index - 1 : index;
    }

    /** The scope of a method whose key is token {@code key}, inside a class or an object. */
    private Scope method(int key) {
        Open enclosing = stack.isEmpty() ? null : top();
        if (enclosing == null || !("class".equals(enclosing.container) || "object".equals(enclosing.container))) {
            return null;
        }
        boolean inClass = enclosing.container.equals("class");
        if (inClass && text(key).equals("constructor")) {
            return null; // the class's own scope ("new C") is the constructor's
        }
        int begin = text(key).equals("]") ? opening(key, key) : key;
        String accessor = null;
        while (begin > enclosing.token + 1
                && (isModifierOrAccessor(word(begin - 1)) || previousAt(begin - 1, "*"))) {
            begin--;
            accessor = text(begin).equals("get") || text(begin).equals("set") ? text(begin) : accessor;
        }
        List<Object> keyPart;
        if (text(key).equals("]")) {
            keyPart = List.of("<computed>");
        } else if (kind(key) == NAME) {
            keyPart = List.of(part(key));
        } else {
            keyPart = List.of(kind(key) == STR ? "<\"" + part(key) + "\">" : "<" + text(key) + ">");
        }
        List<Object> name = new ArrayList<>();
        if (inClass) {
            if (enclosing.context != null && !enclosing.context.isEmpty()) {
                name.addAll(enclosing.context);
                name.add(".");
            }
            name.addAll(keyPart);
        } else if (accessor == null) {
            List<Object> inferred = inferred(enclosing.token, keyPart, true, stack.size() - 2);
            name.addAll(inferred == null ? keyPart : inferred);
        } else { // an accessor's key comes after what names the object, without "<object>." (as Sentry)
            List<Object> context = inferred(enclosing.token, List.of(), true, stack.size() - 2);
            if (context != null) {
                name.addAll(context);
                name.add(".");
            }
            name.addAll(keyPart);
        }
        if (accessor != null) {
            name = prefixed(accessor + " ", name);
        }
        return new Scope(start(begin), -1, name);
    }

    private List<Object> className(int keyword) {
        int after = keyword + 1;
        List<Object> inferred = inferred(keyword, List.of(), false, stack.size() - 1);
        if (after < size && kinds[after] == NAME && !texts.get(after).equals("extends")) {
            NameToken own = new NameToken(texts.get(after), starts[after]);
            // an expression (x = class C {}) is named after both, as Sentry: x.C
            boolean expression = keyword > 0 && kind(keyword - 1) == PUNCT && !";{})".contains(text(keyword - 1));
            if (expression && inferred != null) {
                List<Object> name = new ArrayList<>(inferred);
                name.add(".");
                name.add(own);
                return name;
            }
            return List.of(own);
        }
        return inferred;
    }

    /**
     * The name an anonymous function, arrow or class starting at token {@code begin} takes from
     * where it stands (the reference's {@code _inferred}, which explains the walk); null when
     * nothing names it.
     */
    private List<Object> inferred(int begin, List<Object> given, boolean inObject, int level) {
        List<Object> parts = new ArrayList<>(given);
        int index = begin - 1;
        while (index >= 0) {
            int kind = kind(index);
            String token = text(index);
            boolean punct = kind == PUNCT;
            if (level >= 0 && index == stack.get(level).token) { // out of the enclosing bracket
                Open enclosing = stack.get(level);
                if (enclosing.kind.equals("{") && "object".equals(enclosing.container)) {
                    inObject = true;
                } else if (enclosing.kind.equals("{") && "class".equals(enclosing.container)) { // a class's member
                    List<Object> context = enclosing.context;
                    List<Object> name = new ArrayList<>();
                    if (context != null && !context.isEmpty() && !parts.isEmpty()) {
                        name.addAll(context);
                        name.add(".");
                        name.addAll(parts);
                    } else {
                        name.addAll(context != null && !context.isEmpty() ? context : parts);
                    }
                    return name.isEmpty() ? null : name;
                } else if (!(enclosing.kind.equals("(") || enclosing.kind.equals("[") || enclosing.kind.equals("${"))) {
                    break; // a function's body or a block: the walk ends
                }
                level--;
                index--;
            } else if (punct && ASSIGN.contains(token) && level >= 0 && "class".equals(stack.get(level).container)) {
                index = stack.get(level).token; // a class field: its class names it (as Sentry)
            } else if (punct && ASSIGN.contains(token)) {
                List<Object> chain = memberChain(index - 1);
                if (chain == null) {
                    break;
                }
                if (!parts.isEmpty()) {
                    chain.add(".");
                    chain.addAll(parts);
                }
                return chain;
            } else if (punct && (token.equals(")") || token.equals("]") || token.equals("}"))) {
                if (token.equals("}") && blockClose.get(index)) {
                    break;
                }
                index = opening(index, 0) - 1; // a bracketed group before: step over it
            } else if (punct && token.equals(":") && index >= 2
                    && (text(index - 2).equals("{") || text(index - 2).equals(","))
                    && (kind(index - 1) == NAME || kind(index - 1) == STR)) {
                if (kind(index - 1) == NAME) { // a key: {key: ...}
                    List<Object> keyed = new ArrayList<>();
                    keyed.add(part(index - 1));
                    if (!parts.isEmpty()) {
                        keyed.add(".");
                        keyed.addAll(parts);
                    }
                    parts = keyed;
                }
                if (level < 0) {
                    break;
                }
                index = stack.get(level).token; // past the object's other keys, to its "{"
            } else if (punct && token.equals(":")) { // a conditional's alternative: its test and
                index = question(index, level) - 1; // consequence are siblings, not parents
            } else if (punct && token.equals(",")) { // a sibling's assignment names nothing here
                if (level < 0) {
                    break;
                }
                index = stack.get(level).token;
            } else if ((punct && (token.equals(";") || token.equals("=>"))) || (kind == NAME && STATEMENT.contains(token))) {
                break;
            } else {
                index--;
            }
        }
        if (inObject && !parts.isEmpty()) {
            parts.add(0, "<object>.");
        }
        return parts.isEmpty() ? null : parts;
    }

    /** The token index of the "?" whose ":" is token {@code colon} (0 when not found). */
    private int question(int colon, int level) {
        int depth = 0;
        int index = colon - 1;
        int floor = level >= 0 ? stack.get(level).token : -1;
        while (index > floor) {
            String token = kind(index) == PUNCT ? text(index) : "";
            if (token.equals(")") || token.equals("]") || token.equals("}")) {
                index = opening(index, 0);
            } else if (token.equals(":")) {
                depth++;
            } else if (token.equals("?")) {
                if (depth == 0) {
                    return index;
                }
                depth--;
            }
            index--;
        }
        return 0;
    }

    /** {@code a.b[c].d} ending at token {@code last}, as name parts, or null when it is no such chain. */
    private List<Object> memberChain(int last) {
        List<Object> parts = new ArrayList<>();
        while (last >= 0) {
            if (kind(last) == NAME) {
                parts.add(0, part(last));
                if (!previousAt(last - 1, ".")) {
                    return parts;
                }
                parts.add(0, ".");
                last -= 2;
            } else if (previousAt(last, "]") && opening(last, 0) > 0) {
                parts.addAll(0, computed(last));
                last = opening(last, 0) - 1;
            } else {
                return null;
            }
        }
        return null;
    }

    /** A computed key or member {@code [...]} whose "]" is token {@code closing} (as Sentry). */
    private List<Object> computed(int closing) {
        int opened = opening(closing, -1);
        if (opened == closing - 2 && kind(closing - 1) == NAME) {
            return List.of("[", part(closing - 1), "]");
        }
        if (opened == closing - 2 && (kind(closing - 1) == STR || kind(closing - 1) == NUM)) {
            return List.of("[" + part(closing - 1) + "]");
        }
        return List.of("[<computed>]");
    }

    private Object part(int index) {
        String token = text(index);
        if (kind(index) == NAME && !token.equals("this")) {
            return new NameToken(token, start(index));
        }
        if (kind(index) == STR) {
            return token.length() < 2 ? "" : token.substring(1, token.length() - 1);
        }
        return token;
    }

    private boolean previousAt(int index, String token) {
        return index >= 0 && kinds[index] == PUNCT && texts.get(index).equals(token);
    }

    private static boolean isModifierOrAccessor(String word) {
        return word != null && MODIFIERS_OR_ACCESSORS.contains(word);
    }

    private String word(int index) {
        return index >= 0 && index < size && kinds[index] == NAME ? texts.get(index) : null;
    }

    private Open top() {
        return stack.get(stack.size() - 1);
    }

    /** Python's index into the token lists: below zero counts from the end. */
    private int at(int index) {
        return index < 0 ? index + size : index;
    }

    private int kind(int index) {
        return kinds[at(index)];
    }

    private String text(int index) {
        return texts.get(at(index));
    }

    private int start(int index) {
        return starts[at(index)];
    }

    private int opening(int index, int missing) {
        return index >= 0 && index < size && opening[index] >= 0 ? opening[index] : missing;
    }

    private static List<Object> prefixed(String first, List<Object> rest) {
        List<Object> name = new ArrayList<>(rest.size() + 1);
        name.add(first);
        name.addAll(rest);
        return name;
    }

    /** The scopes as the kernel's ints (the layout is the reference's {@code function_scopes}). */
    private int[] packed() {
        int[] codePoints = codePointOffsets();
        int[] out = new int[Math.max(16, scopes.size() * 8)];
        int n = 0;
        for (Scope scope : scopes) {
            int needed = 3;
            if (scope.name() != null) {
                for (Object part : scope.name()) {
                    needed += part instanceof String literal ? 1 + literal.length() : 2;
                }
            }
            if (n + needed > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + needed));
            }
            out[n++] = offset(codePoints, scope.start());
            out[n++] = offset(codePoints, scope.end());
            out[n++] = scope.name() == null ? -1 : scope.name().size();
            if (scope.name() == null) {
                continue;
            }
            for (Object part : scope.name()) {
                if (part instanceof NameToken token) {
                    out[n++] = offset(codePoints, token.offset());
                    out[n++] = token.text().codePointCount(0, token.text().length());
                } else {
                    int[] points = ((String) part).codePoints().toArray();
                    out[n++] = -points.length - 1;
                    System.arraycopy(points, 0, out, n, points.length);
                    n += points.length;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Each UTF-16 offset's code point offset, or null when they are the same (no surrogate pair). */
    private int[] codePointOffsets() {
        int length = text.length();
        if (text.codePointCount(0, length) == length) {
            return null;
        }
        int[] offsets = new int[length + 1];
        int points = 0;
        for (int i = 0; i < length; points++) {
            offsets[i] = points;
            boolean pair = Character.isHighSurrogate(text.charAt(i)) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                offsets[i + 1] = points;
            }
            i += pair ? 2 : 1;
        }
        offsets[length] = points;
        return offsets;
    }

    private static int offset(int[] codePoints, int utf16) {
        return codePoints == null ? utf16 : codePoints[utf16];
    }
}
