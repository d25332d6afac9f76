package io.incidentstream.adapters.web;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the board at {@code /} and {@code /board}, its files under {@code /board/}, and hands every
 * other request to the next handler (the HTTP API). Files are answered from memory with an ETag, so a
 * wall screen that reloads revalidates with a 304 instead of downloading the board again.
 */
public final class IncidentBoard extends Handler.Wrapper {

    static final String PREFIX = "/board/";
    /** Always revalidate: file names carry no version, and the ETag makes revalidation cheap. */
    static final String CACHE_CONTROL = "no-cache";

    static final String CONFIG = PREFIX + "config.json";

    private final Map<String, WebAsset> byPath;
    /** The page's paths and the configuration's: what a client asks for by name. */
    private final SortedSet<String> pages;
    /** The page's own files under {@code /board/}, as listed in {@code board/files.txt}. */
    private final SortedSet<String> files;

    private final BoardSettings settings;

    public IncidentBoard(BoardSettings settings, Handler next) {
        super(Objects.requireNonNull(next, "next"));
        this.settings = Objects.requireNonNull(settings, "settings");
        Map<String, WebAsset> paths = new HashMap<>();
        BoardFiles.load().forEach((name, asset) -> paths.put(PREFIX + name, asset));
        WebAsset page = paths.get(PREFIX + "index.html");
        if (page == null) {
            throw new IllegalStateException("board/index.html is not in board/files.txt");
        }
        this.files = Collections.unmodifiableSortedSet(new TreeSet<>(paths.keySet()));
        paths.put("/", page);
        paths.put("/board", page);
        paths.put(PREFIX, page);
        this.byPath = Map.copyOf(paths);
        this.pages = Collections.unmodifiableSortedSet(new TreeSet<>(List.of("/", "/board", PREFIX, CONFIG)));
    }

    /**
     * The paths the board answers by name (GET and HEAD): its page, at {@code /}, {@code /board} and
     * {@code /board/}, and {@code /board/config.json}. The rest goes to the next handler.
     */
    public SortedSet<String> pages() {
        return pages;
    }

    /** The paths of the page's own files (scripts, style, icon), also GET and HEAD. */
    public SortedSet<String> files() {
        return files;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        WebAsset asset = CONFIG.equals(path) ? config(request) : byPath.get(path);
        if (asset == null) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.addTo(headers);
        if (!head && !HttpMethod.GET.is(method)) {
            headers.put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    method + " is not allowed on the board's files: only GET and HEAD");
            return true;
        }
        headers.put(HttpHeader.CACHE_CONTROL, asset == byPath.get(path) ? CACHE_CONTROL : "no-store");
        headers.put(HttpHeader.ETAG, asset.etag());
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), asset.etag())) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        headers.put(HttpHeader.CONTENT_TYPE, asset.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, asset.content().length);
        ByteBuffer body = head
                ? BufferUtil.EMPTY_BUFFER
                : ByteBuffer.wrap(asset.content()).asReadOnlyBuffer();
        response.write(true, body, callback);
        return true;
    }

    /** Made for each request: it answers for the origin the page names ({@code ?origin=}). */
    private WebAsset config(Request request) {
        String origin = Request.extractQueryParameters(request).getValue("origin");
        return WebAsset.text(ContentTypes.of("config.json"), settings.json(origin));
    }
}
