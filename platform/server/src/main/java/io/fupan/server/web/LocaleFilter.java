package io.fupan.server.web;

import io.fupan.core.i18n.Messages;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The language the API answers people in, for the length of one request: the first of the
 * Accept-Language header's languages (by preference) that it speaks, zh-CN or en; English without
 * the header. Problem titles and details and field messages follow it; nothing machine-readable does.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class LocaleFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Without the header the container reports its own default locale: that is no choice of the caller's.
        Locale chosen = request.getHeader("Accept-Language") == null ? Messages.EN : Messages.negotiate(request.getLocales());
        Locale before = Messages.use(chosen);
        try {
            chain.doFilter(request, response);
        } finally {
            Messages.use(before);
        }
    }
}
