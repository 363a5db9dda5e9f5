package io.fupan.core.tenant.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fupan.core.tenant.config.TenantConfigException.Problem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One tenant-config file, held twice: as SnakeYAML's node tree, whose marks give the line of
 * every node, and as a Jackson tree, which the schema validator and the record builders read. A
 * path (property names and list indexes, as in a JSON pointer) leads to the same value in both,
 * which is how a problem found in the JSON gets its line in the YAML.
 */
final class YamlDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Node root;
    private final List<Problem> problems;
    private final Set<List<Object>> problemPaths = new HashSet<>();
    private final ScalarValues scalars = new ScalarValues();
    private final JsonNode json;

    private YamlDocument(Path file, Node root, List<Problem> problems) {
        this.file = file;
        this.root = root;
        this.problems = problems;
        this.json = toJson(root, List.of(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Reads {@code dir/file}; problems go to {@code problems}, each with {@code file} as given
     * (relative). Returns null when the file cannot be read or is not YAML.
     */
    static YamlDocument read(Path dir, Path file, List<Problem> problems) {
        Node root;
        try (Reader reader = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(new Problem(file, line(e.getProblemMark()), "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext()
                            + (e.getContextMark() == null ? "" : " at line " + line(e.getContextMark())) + ")")));
            return null;
        } catch (IOException | YAMLException e) {
            // SnakeYAML wraps the decoder's complaint in a YAMLException.
            boolean notUtf8 = e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException;
            problems.add(new Problem(file, 0, notUtf8 ? "is not UTF-8 text" : "cannot be read: " + e.getMessage()));
            return null;
        }
        if (root == null) {
            problems.add(new Problem(file, 0, "is empty"));
            return null;
        }
        return new YamlDocument(file, root, problems);
    }

    Path file() {
        return file;
    }

    JsonNode json() {
        return json;
    }

    /** The value at {@code path}, or a missing node. */
    JsonNode at(List<Object> path) {
        JsonNode node = json;
        for (Object element : path) {
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    /** Whether no problem has been reported at {@code path}, so that a further check is worth making. */
    boolean isClean(List<Object> path) {
        return !problemPaths.contains(path);
    }

    /** Reports a problem with the value at {@code path}, on that value's line. */
    void report(List<Object> path, String what) {
        report(path, path, what);
    }

    /**
     * Reports a problem on the line of the node at {@code linePath} (or of the nearest node above
     * it that exists) about the field at {@code fieldPath}: e.g. a missing field, on the line of
     * the mapping that lacks it.
     */
    void report(List<Object> linePath, List<Object> fieldPath, String what) {
        report(lineOf(linePath), fieldPath, what);
    }

    private void report(int line, List<Object> fieldPath, String what) {
        String field = field(fieldPath);
        problemPaths.add(List.copyOf(fieldPath));
        problems.add(new Problem(file, line, field.isEmpty() ? what : field + ": " + what));
    }

    /**
     * The 1-based line of the node at {@code path}: of the key for a mapping entry (a block value
     * starts on the line after its key), of the item for a list entry.
     */
    int lineOf(List<Object> path) {
        Node node = root;
        int line = line(root);
        for (Object element : path) {
            if (node instanceof MappingNode mapping) {
                NodeTuple entry = entry(mapping, element.toString());
                if (entry == null) {
                    break;
                }
                line = line(entry.getKeyNode());
                node = entry.getValueNode();
            } else if (node instanceof SequenceNode sequence && element instanceof Integer index
                    && index < sequence.getValue().size()) {
                node = sequence.getValue().get(index);
                line = line(node);
            } else {
                break;
            }
        }
        return line;
    }

    /** {@code plugins[2].id} for the path plugins, 2, id. */
    static String field(List<Object> path) {
        var text = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(element);
            }
        }
        return text.toString();
    }

    static List<Object> append(List<Object> path, Object element) {
        var longer = new ArrayList<>(path);
        longer.add(element);
        return List.copyOf(longer);
    }

    private JsonNode toJson(Node node, List<Object> path, Set<Node> enclosing) {
        if (!enclosing.add(node)) {
            report(line(node), path, "contains itself through an alias");
            return NullNode.getInstance();
        }
        try {
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JSON.createObjectNode();
                Map<String, Integer> keyLines = new HashMap<>();
                for (NodeTuple entry : mapping.getValue()) {
                    if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                        report(line(entry.getKeyNode()), path, "a key must be a plain name, not a list or mapping");
                        continue;
                    }
                    Integer firstLine = keyLines.putIfAbsent(key.getValue(), line(key));
                    List<Object> entryPath = append(path, key.getValue());
                    if (firstLine != null) {
                        // SnakeYAML would let the last one win; in a config file it is a mistake.
                        report(line(key), entryPath, "appears twice (first at line " + firstLine + ")");
                    }
                    object.set(key.getValue(), toJson(entry.getValueNode(), entryPath, enclosing));
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JSON.createArrayNode();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    array.add(toJson(sequence.getValue().get(i), append(path, i), enclosing));
                }
                return array;
            }
            return scalar((ScalarNode) node);
        } finally {
            enclosing.remove(node);
        }
    }

    /** A scalar typed as YAML resolved it: {@code 5} is a number, {@code "5"} and {@code 1.0.0} are text. */
    private JsonNode scalar(ScalarNode node) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return NullNode.getInstance();
        }
        if (tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return JSON.valueToTree(scalars.valueOf(node));
        }
        return TextNode.valueOf(node.getValue());
    }

    /** The entry for key {@code name}; the last one if the key appears twice, as in the JSON tree. */
    private static NodeTuple entry(MappingNode mapping, String name) {
        NodeTuple found = null;
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                found = entry;
            }
        }
        return found;
    }

    private static int line(Node node) {
        return line(node.getStartMark());
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    /** SnakeYAML's own reading of YAML 1.1 numbers and booleans ({@code 0x1F}, {@code 1_000}, {@code yes}). */
    private static final class ScalarValues extends SafeConstructor {

        ScalarValues() {
            super(new LoaderOptions());
        }

        Object valueOf(ScalarNode node) {
            return constructObject(node);
        }
    }
}
