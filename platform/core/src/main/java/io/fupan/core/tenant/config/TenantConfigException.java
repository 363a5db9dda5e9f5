package io.fupan.core.tenant.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenant-config folder has problems; start-up stops. Carries every problem found in every
 * file, so that one run tells the operator all there is to fix. The message is a header line and
 * then one line per problem, {@code file:line: reason}.
 */
public class TenantConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message keeps the problems' text.
    private final transient List<Problem> problems;

    public TenantConfigException(Path tenantConfigDir, List<Problem> problems) {
        super(message(tenantConfigDir, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(Path dir, List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + dir + ":\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /**
     * One problem.
     *
     * @param file relative to the tenant-config folder, e.g. {@code tenants/acme.yaml}
     * @param line 1-based line of the offending YAML node, or 0 for the file as a whole
     * @param reason plain English, starting with the field it is about
     */
    public record Problem(Path file, int line, String reason) {

        /** {@code tenants/acme.yaml:4: plan: "gold" is not a plan (known: enterprise, lite)}. */
        @Override
        public String toString() {
            String name = file.toString().replace('\\', '/');
            return line > 0 ? name + ":" + line + ": " + reason : name + ": " + reason;
        }
    }
}
