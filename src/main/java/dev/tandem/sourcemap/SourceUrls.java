package dev.tandem.sourcemap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source URLs as Mozilla's source-map (0.7.6, lib/util.js) computes them: sourceRoot joined to
 * each source, {@code .} and {@code ..} segments removed, backslashes made slashes and the
 * characters a URL may not hold percent-encoded as a WHATWG URL parser serialises them. util.js
 * parses relative paths against a made-up {@code http://host/} base and takes the result apart
 * again; this class follows it function by function on the part of the WHATWG parser those
 * need, line for line as python/tandem/sourcemap/_urls.py (the reference) does.
 */
public final class SourceUrls {
    private static final String PROTOCOL = "http:";
    private static final String PROTOCOL_AND_HOST = "http://host";
    private static final Pattern ABSOLUTE_SCHEME = Pattern.compile("[A-Za-z0-9+\\-.]+:");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+\\-.]*):");
    /** The special schemes and their default ports ("" for file, which has none). */
    private static final Map<String, String> SPECIAL_PORTS =
            Map.of("http", "80", "https", "443", "ws", "80", "wss", "443", "ftp", "21", "file", "");
    private static final String PATH_SET = " \"#<>?`{}";
    private static final String QUERY_SET = " \"#<>";
    private static final String SPECIAL_QUERY_SET = " \"#<>'";
    private static final String FRAGMENT_SET = " \"<>`";

    private SourceUrls() {
    }

    /** A parsed URL; {@code authority}, {@code query} and {@code fragment} are null when absent. */
    private static final class Url {
        final String scheme;
        final String authority;
        String path;
        final String query;
        final String fragment;
        final boolean opaque;

        Url(String scheme, String authority, String path, String query, String fragment, boolean opaque) {
            this.scheme = scheme;
            this.authority = authority;
            this.path = path;
            this.query = query;
            this.fragment = fragment;
            this.opaque = opaque;
        }

        boolean special() {
            return SPECIAL_PORTS.containsKey(scheme);
        }

        String search() {
            return query == null || query.isEmpty() ? "" : "?" + query;
        }

        String hash() {
            return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(scheme).append(':');
            if (authority != null) {
                out.append("//").append(authority);
            } else if (!opaque && path.startsWith("//")) {
                out.append("/.");
            }
            out.append(path);
            if (query != null) {
                out.append('?').append(query);
            }
            if (fragment != null) {
                out.append('#').append(fragment);
            }
            return out.toString();
        }
    }

    private static String encode(String text, String extra) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int code = text.codePointAt(i);
            int width = Character.charCount(code);
            if (extra.indexOf(code) >= 0 || code < 0x20 || code > 0x7E) {
                for (byte b : new String(Character.toChars(code)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            } else {
                out.appendCodePoint(code);
            }
            i += width;
        }
        return out.toString();
    }

    /** {text before ? and #, query or null, fragment or null}. */
    private static String[] splitTail(String text) {
        String fragment = null;
        String query = null;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            fragment = text.substring(hash + 1);
            text = text.substring(0, hash);
        }
        int question = text.indexOf('?');
        if (question >= 0) {
            query = text.substring(question + 1);
            text = text.substring(0, question);
        }
        return new String[] {text, query, fragment};
    }

    private static String authority(String text, String scheme) {
        if (!SPECIAL_PORTS.containsKey(scheme)) {
            return text;
        }
        int at = text.lastIndexOf('@');
        String userinfo = at >= 0 ? text.substring(0, at + 1) : "";
        String host = at >= 0 ? text.substring(at + 1) : text;
        String port = "";
        int colon = host.indexOf(':');
        if (colon >= 0) {
            port = host.substring(colon + 1);
            host = host.substring(0, colon);
            if (!port.isEmpty() && !port.equals(SPECIAL_PORTS.get(scheme))) {
                port = ":" + port;
            } else {
                port = "";
            }
        }
        host = host.toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file") && host.equals("localhost")) {
            host = "";
        }
        return userinfo + host + port;
    }

    private static List<String> removeDots(List<String> segments) {
        List<String> out = new ArrayList<>();
        for (int position = 0; position < segments.size(); position++) {
            boolean last = position == segments.size() - 1;
            String lowered = segments.get(position).toLowerCase(java.util.Locale.ROOT);
            if (lowered.equals("..") || lowered.equals(".%2e") || lowered.equals("%2e.") || lowered.equals("%2e%2e")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else if (lowered.equals(".") || lowered.equals("%2e")) {
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segments.get(position));
            }
        }
        return out;
    }

    private static String path(String text, boolean special, List<String> baseSegments) {
        if (special) {
            text = text.replace('\\', '/');
        }
        List<String> segments = new ArrayList<>(Arrays.asList(text.split("/", -1)));
        if (text.startsWith("/")) {
            segments.remove(0);
        } else if (baseSegments != null) {
            List<String> joined = new ArrayList<>(baseSegments.subList(0, baseSegments.size() - 1));
            joined.addAll(segments);
            segments = joined;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : removeDots(segments)) {
            out.append('/').append(encode(segment, PATH_SET));
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String stripped(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= 0x20) {
            end--;
        }
        return text.substring(start, end).replace("\t", "").replace("\n", "").replace("\r", "");
    }

    /** {@code new URL(text, base)} for the URLs util.js builds; IllegalArgumentException when it is none. */
    private static Url parse(String text, Url base) {
        text = stripped(text);
        Matcher found = SCHEME.matcher(text);
        if (found.lookingAt()) {
            String scheme = found.group(1).toLowerCase(java.util.Locale.ROOT);
            String rest = text.substring(found.end());
            boolean special = SPECIAL_PORTS.containsKey(scheme);
            if (special && base != null && base.scheme.equals(scheme) && !rest.replace('\\', '/').startsWith("/")) {
                return relative(rest, base);
            }
            String[] tail = splitTail(rest);
            String before = tail[0];
            String slashes = special ? before.replace('\\', '/') : before;
            if (special || slashes.startsWith("//")) {
                String after = special ? slashes.replaceFirst("^/+", "") : slashes.substring(2);
                int slash = after.indexOf('/');
                String authority = slash >= 0 ? after.substring(0, slash) : after;
                String path = slash >= 0 ? after.substring(slash) : "";
                if (special && authority.isEmpty() && !scheme.equals("file")) {
                    throw new IllegalArgumentException("Invalid URL: " + text);
                }
                return new Url(scheme, authority(authority, scheme), path(path, special, null), query(tail[1], special),
                        fragment(tail[2]), false);
            }
            if (before.startsWith("/")) {
                return new Url(scheme, null, path(before, false, null), query(tail[1], false), fragment(tail[2]), false);
            }
            return new Url(scheme, null, encode(before, ""), query(tail[1], false), fragment(tail[2]), true);
        }
        if (base == null) {
            throw new IllegalArgumentException("Invalid URL: " + text);
        }
        return relative(text, base);
    }

    private static Url relative(String text, Url base) {
        if (base.opaque) {
            throw new IllegalArgumentException("Invalid URL: " + text + " against " + base);
        }
        boolean special = base.special();
        String[] tail = splitTail(text);
        String before = tail[0];
        String slashes = special ? before.replace('\\', '/') : before;
        if (slashes.startsWith("//")) {
            return parse(base.scheme + ":" + text, null);
        }
        if (before.isEmpty()) {
            return new Url(base.scheme, base.authority, base.path, tail[1] != null ? query(tail[1], special) : base.query,
                    fragment(tail[2]), false);
        }
        String path = slashes.startsWith("/") ? path(before, special, null)
                : path(before, special, Arrays.asList(base.path.substring(1).split("/", -1)));
        return new Url(base.scheme, base.authority, path, query(tail[1], special), fragment(tail[2]), false);
    }

    private static String query(String query, boolean special) {
        return query == null ? null : encode(query, special ? SPECIAL_QUERY_SET : QUERY_SET);
    }

    private static String fragment(String fragment) {
        return fragment == null ? null : encode(fragment, FRAGMENT_SET);
    }

    // lib/util.js ---------------------------------------------------------------------------------

    private static String urlType(String url) {
        if (url.startsWith("//")) {
            return "scheme-relative";
        }
        if (url.startsWith("/")) {
            return "path-absolute";
        }
        return ABSOLUTE_SCHEME.matcher(url).lookingAt() ? "absolute" : "path-relative";
    }

    private static String safeBase(String text) {
        int dots = text.split("\\.\\.", -1).length - 1;
        int identifier = 0;
        while (text.contains("p" + identifier)) {
            identifier++;
        }
        return PROTOCOL_AND_HOST + "/" + ("p" + identifier + "/").repeat(dots);
    }

    private static String relativeUrl(Url root, Url target) {
        List<String> targetParts = new ArrayList<>(Arrays.asList(target.path.split("/", -1)));
        List<String> rootParts = new ArrayList<>(Arrays.asList(root.path.split("/", -1)));
        if (!rootParts.isEmpty() && rootParts.get(rootParts.size() - 1).isEmpty()) {
            rootParts.remove(rootParts.size() - 1);
        }
        while (!targetParts.isEmpty() && !rootParts.isEmpty() && targetParts.get(0).equals(rootParts.get(0))) {
            targetParts.remove(0);
            rootParts.remove(0);
        }
        List<String> parts = new ArrayList<>();
        rootParts.forEach(part -> parts.add(".."));
        parts.addAll(targetParts);
        return String.join("/", parts) + target.search() + target.hash();
    }

    private interface Change {
        Url apply(Url url);
    }

    private static String safely(String text, Change change) {
        String kind = urlType(text);
        String base = safeBase(text);
        Url url = change.apply(parse(text, parse(base, null)));
        String result = url.toString();
        return switch (kind) {
            case "absolute" -> result;
            case "scheme-relative" -> result.substring(PROTOCOL.length());
            case "path-absolute" -> result.substring(PROTOCOL_AND_HOST.length());
            default -> relativeUrl(parse(base, null), url);
        };
    }

    /** util.js's normalize: dot segments removed, backslashes made slashes, characters percent-encoded. */
    public static String normalize(String text) {
        return safely(text, url -> url);
    }

    private static String ensureDirectory(String text) {
        return safely(text, url -> {
            if (!url.opaque && !url.path.endsWith("/")) {
                url.path += "/";
            }
            return url;
        });
    }

    private static String trimFilename(String text) {
        return safely(text, url -> parse(".", url));
    }

    private static String withBase(String text, String base) {
        return parse(text, base == null ? null : parse(base, null)).toString();
    }

    /** util.js's join: {@code path} resolved against {@code root} taken as a directory, normalised. */
    public static String join(String root, String path) {
        String pathType = urlType(path);
        String rootType = urlType(root);
        root = ensureDirectory(root);
        if (pathType.equals("absolute")) {
            return withBase(path, null);
        }
        if (rootType.equals("absolute")) {
            return withBase(path, root);
        }
        if (pathType.equals("scheme-relative")) {
            return normalize(path);
        }
        if (rootType.equals("scheme-relative")) {
            return withBase(path, withBase(root, PROTOCOL_AND_HOST)).substring(PROTOCOL.length());
        }
        if (pathType.equals("path-absolute")) {
            return normalize(path);
        }
        if (rootType.equals("path-absolute")) {
            return withBase(path, withBase(root, PROTOCOL_AND_HOST)).substring(PROTOCOL_AND_HOST.length());
        }
        String base = safeBase(path + root);
        return relativeUrl(parse(base, null), parse(path, parse(root, parse(base, null))));
    }

    /** util.js's relative: {@code target} relative to {@code root} where both are alike, else normalised. */
    public static String relative(String root, String target) {
        if (urlType(root).equals(urlType(target))) {
            Url base = parse(safeBase(root + target), null);
            try {
                Url rootUrl = parse(root, base);
                Url targetUrl = parse(target, base);
                if (!targetUrl.opaque && rootUrl.scheme.equals(targetUrl.scheme)
                        && java.util.Objects.equals(rootUrl.authority, targetUrl.authority)) {
                    return relativeUrl(rootUrl, targetUrl);
                }
            } catch (IllegalArgumentException notRelative) {
                // fall through: the target, normalised
            }
        }
        return normalize(target);
    }

    /**
     * The URL of {@code source} as Mozilla's consumer reports it: joined to {@code sourceRoot} (an
     * absolute path counts as relative to it, as when the two are concatenated), normalised.
     */
    public static String computeSourceUrl(String sourceRoot, String source, String sourceMapUrl) {
        source = source == null ? "" : source;
        boolean hasRoot = sourceRoot != null && !sourceRoot.isEmpty();
        if (hasRoot && urlType(source).equals("path-absolute")) {
            source = source.substring(1);
        }
        String url = normalize(source);
        if (hasRoot) {
            url = join(sourceRoot, url);
        }
        if (sourceMapUrl != null && !sourceMapUrl.isEmpty()) {
            url = join(trimFilename(sourceMapUrl), url);
        }
        return url;
    }
}
