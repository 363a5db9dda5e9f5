package io.fupan.server.ui;

import io.fupan.core.plugin.LoadedPlugin;
import io.fupan.core.plugin.PluginCatalog;
import io.fupan.core.plugin.PluginUiAssets;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /plugin-ui/<plugin>/<version>/<build>/<path>}: a file of an installed plugin version's
 * {@code ui/} folder (see {@link PluginUiAssets}), for the web UI's {@code import()} of a panel. Served
 * without a token — a dynamic import cannot send one, and these files are code, not tenant data; which
 * panels a tenant sees is {@code GET /api/v1/ui/panels}'s business. The build segment (the jar's hash)
 * makes the URL name one jar's content, so the answer may be cached for a year. Anything else — an
 * unknown plugin, version or build, a path the folder does not hold, {@code ..} — is a 404.
 */
@WebServlet(urlPatterns = "/plugin-ui/*")
public class PluginUiServlet extends HttpServlet {

    private static final Pattern PATH = Pattern.compile(
            "/([a-z][a-z0-9-]{1,62})/([0-9A-Za-z.+-]{1,64})/([0-9a-f]{1,64})/([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*(?:\\.[A-Za-z0-9_-]+)+)");

    @Inject
    PluginCatalog catalog;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PluginUiAssets.Asset> asset = find(request.getPathInfo());
        if (asset.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(asset.get().mediaType());
        response.setContentLength(asset.get().bytes().length);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        // Opened on its own, a file runs nothing and loads nothing (a module imported by the page runs under the page's policy).
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.getOutputStream().write(asset.get().bytes());
    }

    private Optional<PluginUiAssets.Asset> find(String path) {
        if (path == null || path.contains("..")) {
            return Optional.empty();
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return catalog.find(m.group(1), m.group(2))
                .filter(p -> p.build().equals(m.group(3)))
                .flatMap(p -> p.ui().get(m.group(4)));
    }
}
