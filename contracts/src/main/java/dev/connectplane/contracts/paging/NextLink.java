package dev.connectplane.contracts.paging;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paging contract of every list of the REST APIs, read from the client's side: a page that
 * has a successor answers a {@code Link: <…?cursor=…&limit=…>; rel="next"} header (RFC 8288);
 * the last page has none. The link is followed as it is, on the address the client already uses.
 */
public final class NextLink {

    /** The response header that names the next page. */
    public static final String HEADER = "Link";

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;(?:.*;)?\\s*rel=\"?next\"?(?:\\s*;.*)?");

    private NextLink() {
    }

    /**
     * The path and query (still percent-encoded) of the {@code rel="next"} link among these
     * {@code Link} header values, or null when there is none: the last page.
     */
    public static String pathOf(List<String> headers) {
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String link : header.split(",(?=\\s*<)")) {
                Matcher matcher = NEXT.matcher(link.strip());
                if (matcher.matches()) {
                    URI uri = URI.create(matcher.group(1));
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            }
        }
        return null;
    }
}
