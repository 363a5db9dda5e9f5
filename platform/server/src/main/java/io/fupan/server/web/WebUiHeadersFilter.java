package io.fupan.server.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Headers of the web UI's own files: a content security policy that lets scripts come only from
 * this server and lets the page talk only to this server and Keycloak (tokens live in the page's
 * memory, so no injected script may run or send them anywhere), no framing, no MIME sniffing, and
 * revalidation on every load so that a new build reaches browsers at once.
 */
// asyncSupported: the filter sees every request, and the plugins' endpoints answer asynchronously.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WebUiHeadersFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "fupan.keycloak.url")
    String keycloakUrl;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals("/") && !path.equals("/index.html") && !path.startsWith("/app/")) {
            chain.doFilter(request, response);
            return;
        }
        // ECharts writes style attributes into its tooltips: styles may be inline, scripts never.
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' "
                + keycloakUrl.replaceAll("/+$", "") + "; frame-ancestors 'none'; base-uri 'self'; object-src 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
