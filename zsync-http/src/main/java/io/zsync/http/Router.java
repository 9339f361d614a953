package io.zsync.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Handler} that dispatches on method and path to the first route that matches, in the
 * order they were added:
 *
 * <pre>{@code
 * Router router = Router.create()
 *         .get("/plaintext", request -> Response.text("Hello, World!"))
 *         .get("/users/{id}", request -> Response.text("user " + request.pathParam("id")))
 *         .post("/users", request -> create(request.bodyString()))
 *         .get("/static/*", StaticFiles.of(io, root));               // request.pathParam("*") is the rest
 * }</pre>
 *
 * <p>A pattern is a path of segments: a literal segment matches itself, {@code {name}} matches
 * any one segment (its decoded value is {@link Request#pathParam}{@code (name)}), and a last
 * segment {@code *} matches the rest of the path, possibly empty. A {@code HEAD} request is routed
 * as a {@code GET} when no route names {@code HEAD} (the server sends no body). No route for the
 * path answers 404; routes for the path but not the method answer 405 with {@code Allow}.
 *
 * <p>Thread-safe: routes may be added while requests are served (a request sees the routes added
 * before it was dispatched).
 */
public final class Router implements Handler {

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private Router() {
    }

    /** A router with no routes. */
    public static Router create() {
        return new Router();
    }

    /** Routes {@code GET} requests for {@code pattern} to {@code handler}. */
    public Router get(String pattern, Handler handler) {
        return route("GET", pattern, handler);
    }

    /** Routes {@code POST} requests for {@code pattern} to {@code handler}. */
    public Router post(String pattern, Handler handler) {
        return route("POST", pattern, handler);
    }

    /** Routes {@code PUT} requests for {@code pattern} to {@code handler}. */
    public Router put(String pattern, Handler handler) {
        return route("PUT", pattern, handler);
    }

    /** Routes {@code DELETE} requests for {@code pattern} to {@code handler}. */
    public Router delete(String pattern, Handler handler) {
        return route("DELETE", pattern, handler);
    }

    /**
     * Routes requests of {@code method} for {@code pattern} to {@code handler}.
     *
     * @throws IllegalArgumentException if {@code method} is not a token, or {@code pattern} does
     *         not start with {@code /}, has an empty parameter name, or a {@code *} not last
     */
    public Router route(String method, String pattern, Handler handler) {
        Objects.requireNonNull(method, "method is null; pass GET, POST...");
        Objects.requireNonNull(pattern, "pattern is null; pass a path such as /users/{id}");
        Objects.requireNonNull(handler, "handler is null; pass what answers the route's requests");
        if (method.isEmpty() || !HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("'" + method + "' is not a method: use a token such as GET");
        }
        routes.add(new Route(method, parse(pattern), handler));
        return this;
    }

    @Override
    public Response handle(Request request) throws Exception {
        List<String> segments = segments(request.path());
        Set<String> allowed = null;
        Route headAsGet = null;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (route.method.equals(request.method())) {
                request.pathParams(params);
                return route.handler.handle(request);
            }
            if (headAsGet == null && route.method.equals("GET") && request.method().equals("HEAD")) {
                headAsGet = route;
                request.pathParams(params);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.add(route.method);
        }
        if (headAsGet != null) {
            return headAsGet.handler.handle(request);
        }
        if (allowed != null) {
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return Response.text(405, "405 Method Not Allowed: " + request.method() + " " + request.path() + "\n")
                    .header("Allow", String.join(", ", allowed));
        }
        return Response.text(404, "404 Not Found: " + request.path() + "\n");
    }

    private static List<String> parse(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern '" + pattern + "' does not start with /");
        }
        List<String> segments = segments(pattern);
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.equals("*") && i != segments.size() - 1) {
                throw new IllegalArgumentException("pattern '" + pattern + "' has * before its last segment");
            }
            if (s.startsWith("{") && (!s.endsWith("}") || s.length() == 2)) {
                throw new IllegalArgumentException("pattern '" + pattern + "' has a parameter segment '" + s
                        + "' that is not {name}");
            }
        }
        return segments;
    }

    /** The segments of an absolute path: "/a/b" is [a, b], "/" is [], "/a/" is [a, ""]. */
    private static List<String> segments(String path) {
        if (path.equals("/")) {
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(path.substring(start));
                return segments;
            }
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    private record Route(String method, List<String> pattern, Handler handler) {

        /** The parameters if {@code path} matches, else {@code null}. */
        Map<String, String> match(List<String> path) {
            Map<String, String> params = null;
            for (int i = 0; i < pattern.size(); i++) {
                String p = pattern.get(i);
                if (p.equals("*")) {
                    params = put(params, "*", String.join("/", path.subList(Math.min(i, path.size()), path.size())));
                    return params == null ? Map.of() : params;
                }
                if (i == path.size()) {
                    return null;
                }
                if (p.startsWith("{")) {
                    params = put(params, p.substring(1, p.length() - 1), path.get(i));
                } else if (!p.equals(path.get(i))) {
                    return null;
                }
            }
            if (pattern.size() != path.size()) {
                return null;
            }
            return params == null ? Map.of() : Collections.unmodifiableMap(params);
        }

        private static Map<String, String> put(Map<String, String> params, String name, String value) {
            Map<String, String> map = params == null ? new LinkedHashMap<>() : params;
            map.put(name, value);
            return map;
        }
    }
}
