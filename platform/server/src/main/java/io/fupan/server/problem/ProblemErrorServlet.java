package io.fupan.server.problem;

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
                    "The access token is missing, expired or not issued by this installation's Keycloak realm.");
            case 403 -> Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this.");
            case 404 -> Problem.of(404, "not-found", "Not Found", "There is nothing at "
                    + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ".");
            case 405 -> Problem.of(405, "method-not-allowed", "Method Not Allowed", "This method is not allowed here.");
            default -> Problem.of(status, "error", "Error", status >= 500
                    ? "Something went wrong on our side." : "The request could not be served.");
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
