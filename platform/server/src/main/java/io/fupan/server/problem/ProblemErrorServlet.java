package io.fupan.server.problem;

import io.fupan.core.i18n.Messages;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Errors raised by the container before JAX-RS sees the request (an invalid or expired token
 * refused by MicroProfile JWT, an unknown path) become problem+json too: web.xml sends them here.
 */
@WebServlet(urlPatterns = "/problem")
public class ProblemErrorServlet extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Problem problem = switch (status) {
            case 401 -> Problem.of(401, "invalid-token", "Unauthorized",
                    Messages.get("problem.invalidToken"));
            case 403 -> Problem.of(403, "forbidden", "Forbidden", Messages.get("problem.rolesForbid"));
            case 404 -> Problem.of(404, "not-found", "Not Found", Messages.get("problem.nothingAt",
                    String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))));
            case 405 -> Problem.of(405, "method-not-allowed", "Method Not Allowed", Messages.get("problem.methodNotAllowedHere"));
            default -> Problem.of(status, "error", "Error", status >= 500
                    ? Messages.get("problem.serverError") : Messages.get("problem.notServed"));
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"fupan\"");
        }
        response.getWriter().write(JSON.toJson(problem));
    }
}
