package io.kefu.handlers.dialogue;

import io.kefu.nlp.entity.EntityExtractor;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks a flows file. Everything is checked before anything is used — unknown keys,
 * missing texts in either language, patterns that do not compile, entity types and actions that do
 * not exist, steps that point nowhere — and every error names the file and line, so a store that
 * breaks its file keeps running on the previous version with a message that says where to look.
 * We walk SnakeYAML's node tree (not a data binding) because only the nodes know their lines.
 */
public final class FlowParser {
    static final Set<String> ENTITIES = Set.of(EntityExtractor.ORDER_ID, EntityExtractor.TRACKING_NUMBER, EntityExtractor.PHONE,
            EntityExtractor.AMOUNT, EntityExtractor.SIZE, EntityExtractor.HEIGHT, EntityExtractor.WEIGHT, EntityExtractor.COLOR,
            EntityExtractor.DATE);
    private static final Set<String> KINDS = Set.of("ask", "confirm", "call", "say", "branch", "handoff");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "ask", Set.of("id", "ask", "entity", "pattern", "choices", "from_orders", "optional", "prompt", "invalid", "retries", "next"),
            "confirm", Set.of("id", "confirm", "on_no", "next"),
            "call", Set.of("id", "call", "on", "next"),
            "say", Set.of("id", "say", "next"),
            "branch", Set.of("id", "branch", "cases", "otherwise", "next"),
            "handoff", Set.of("id", "handoff", "say", "next"));
    public static final Set<String> ORDER_STATES = Set.of("unpaid", "paid", "shipped", "delivered", "cancelled");

    private final String source;
    private final Set<String> actions;

    public FlowParser(String source, Set<String> actions) {
        this.source = source;
        this.actions = actions;
    }

    public List<Flow> parse(Reader reader) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new FlowException(source, e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new FlowException(source, 1, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new FlowException(source, 1, "empty file: expected a 'flows' mapping");
        }
        Map<String, Node> top = map(root, "the file");
        keys(top, root, Set.of("flows"), "the file");
        Node flowsNode = require(top, "flows", root);
        List<Flow> flows = new ArrayList<>();
        Map<String, String> triggerOwner = new HashMap<>();
        for (NodeTuple t : mapping(flowsNode, "flows").getValue()) {
            String name = scalar(t.getKeyNode(), "flow name");
            if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw error(t.getKeyNode(), "flow name '" + name + "' must be lower_snake_case");
            }
            Flow f = flow(name, t.getValueNode());
            for (String trig : f.triggers()) {
                String other = triggerOwner.putIfAbsent(trig, name);
                if (other != null) {
                    throw error(t.getKeyNode(), "trigger '" + trig + "' already starts flow '" + other + "'");
                }
            }
            flows.add(f);
        }
        return flows;
    }

    private Flow flow(String name, Node node) {
        String at = "flows." + name;
        Map<String, Node> m = map(node, at);
        keys(m, node, Set.of("triggers", "steps", "resume"), at);
        List<String> triggers = strings(require(m, "triggers", node), at + ".triggers");
        if (triggers.isEmpty()) {
            throw error(node, at + ".triggers: needs at least one intent");
        }
        Localized resume = m.containsKey("resume") ? localized(m.get("resume"), at + ".resume") : null;
        Node stepsNode = require(m, "steps", node);
        if (!(stepsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(stepsNode, at + ".steps: must be a non-empty list");
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Node> stepNodes = seq.getValue();
        for (int i = 0; i < stepNodes.size(); i++) {
            Step s = step(stepNodes.get(i), at + ".steps[" + i + "]", i);
            if (index.putIfAbsent(s.id(), i) != null || Step.END.equals(s.id())) {
                throw error(stepNodes.get(i), at + ".steps[" + i + "]: step id '" + s.id() + "' is used twice (or is the reserved 'end')");
            }
            steps.add(s);
        }
        for (int i = 0; i < steps.size(); i++) {
            checkTargets(steps.get(i), index, stepNodes.get(i), at + ".steps[" + i + "]");
        }
        return new Flow(name, triggers, List.copyOf(steps), Map.copyOf(index), resume, source);
    }

    private Step step(Node node, String at, int i) {
        Map<String, Node> m = map(node, at);
        Set<String> kinds = new HashSet<>(m.keySet());
        kinds.retainAll(KINDS);
        if (kinds.contains("handoff")) {
            kinds.remove("say"); // a handoff may carry its own text
        }
        if (kinds.size() != 1) {
            throw error(node, at + ": a step needs exactly one of " + String.join(", ", KINDS.stream().sorted().toList()));
        }
        String kind = kinds.iterator().next();
        keys(m, node, KEYS.get(kind), at);
        String id = m.containsKey("id") ? scalar(m.get("id"), at + ".id") : "step" + (i + 1);
        String next = m.containsKey("next") ? scalar(m.get("next"), at + ".next") : null;
        int line = node.getStartMark().getLine() + 1;
        return switch (kind) {
            case "ask" -> ask(m, node, at, id, next, line);
            case "confirm" -> new Step.Confirm(id, localized(m.get("confirm"), at + ".confirm"),
                    m.containsKey("on_no") ? scalar(m.get("on_no"), at + ".on_no") : Step.END, next, line);
            case "call" -> {
                String action = scalar(m.get("call"), at + ".call");
                if (!actions.contains(action)) {
                    throw error(m.get("call"), at + ".call: unknown action '" + action + "' (known: "
                            + String.join(", ", actions.stream().sorted().toList()) + ")");
                }
                yield new Step.Call(id, action, m.containsKey("on") ? stringMap(m.get("on"), at + ".on") : Map.of(), next, line);
            }
            case "say" -> new Step.Say(id, localized(m.get("say"), at + ".say"), next, line);
            case "branch" -> new Step.Branch(id, scalar(m.get("branch"), at + ".branch"),
                    stringMap(require(m, "cases", node), at + ".cases"),
                    m.containsKey("otherwise") ? scalar(m.get("otherwise"), at + ".otherwise") : null, next, line);
            default -> new Step.Handoff(id, scalar(m.get("handoff"), at + ".handoff"),
                    m.containsKey("say") ? localized(m.get("say"), at + ".say") : null, next, line);
        };
    }

    private Step.Ask ask(Map<String, Node> m, Node node, String at, String id, String next, int line) {
        String slot = scalar(m.get("ask"), at + ".ask");
        if (!slot.matches("[a-z][a-z0-9_]{0,63}")) {
            throw error(m.get("ask"), at + ".ask: slot name '" + slot + "' must be lower_snake_case");
        }
        String entity = m.containsKey("entity") ? scalar(m.get("entity"), at + ".entity") : null;
        if (entity != null && !ENTITIES.contains(entity)) {
            throw error(m.get("entity"), at + ".entity: unknown entity type '" + entity + "' (known: "
                    + String.join(", ", ENTITIES.stream().sorted().toList()) + ")");
        }
        Pattern pattern = null;
        if (m.containsKey("pattern")) {
            try {
                pattern = Pattern.compile(scalar(m.get("pattern"), at + ".pattern"), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw error(m.get("pattern"), at + ".pattern: does not compile: " + e.getDescription());
            }
        }
        List<String> choices = m.containsKey("choices") ? strings(m.get("choices"), at + ".choices") : List.of();
        Set<String> fromOrders = Set.of();
        if (m.containsKey("from_orders")) {
            fromOrders = Set.copyOf(strings(m.get("from_orders"), at + ".from_orders"));
            for (String s : fromOrders) {
                if (!ORDER_STATES.contains(s)) {
                    throw error(m.get("from_orders"), at + ".from_orders: unknown order state '" + s + "' (known: "
                            + String.join(", ", ORDER_STATES.stream().sorted().toList()) + ")");
                }
            }
        }
        int retries = 2;
        if (m.containsKey("retries")) {
            String r = scalar(m.get("retries"), at + ".retries");
            if (!r.matches("\\d{1,2}") || Integer.parseInt(r) > 10) {
                throw error(m.get("retries"), at + ".retries: must be a whole number from 0 to 10");
            }
            retries = Integer.parseInt(r);
        }
        boolean optional = m.containsKey("optional") && Boolean.parseBoolean(scalar(m.get("optional"), at + ".optional"));
        Localized prompt = localized(require(m, "prompt", node), at + ".prompt");
        Localized invalid = m.containsKey("invalid") ? localized(m.get("invalid"), at + ".invalid") : null;
        return new Step.Ask(id, slot, entity, pattern, choices, fromOrders, optional, prompt, invalid, retries, next, line);
    }

    private void checkTargets(Step s, Map<String, Integer> index, Node node, String at) {
        List<String> targets = new ArrayList<>();
        if (s.next() != null) {
            targets.add(s.next());
        }
        if (s instanceof Step.Confirm c) {
            targets.add(c.onNo());
        } else if (s instanceof Step.Call c) {
            targets.addAll(c.on().values());
        } else if (s instanceof Step.Branch b) {
            targets.addAll(b.cases().values());
            if (b.otherwise() != null) {
                targets.add(b.otherwise());
            }
        }
        for (String t : targets) {
            if (!Step.END.equals(t) && !index.containsKey(t)) {
                throw error(node, at + ": goes to step '" + t + "', which this flow does not have");
            }
        }
    }

    private Localized localized(Node node, String at) {
        if (node instanceof ScalarNode) {
            throw error(node, at + ": needs both languages, e.g. {zh: \"…\", en: \"…\"}");
        }
        Map<String, Node> m = map(node, at);
        keys(m, node, Set.of("zh", "en"), at);
        String zh = m.containsKey("zh") ? scalar(m.get("zh"), at + ".zh") : "";
        String en = m.containsKey("en") ? scalar(m.get("en"), at + ".en") : "";
        if (zh.isBlank() || en.isBlank()) {
            throw error(node, at + ": needs a text in both zh and en");
        }
        return new Localized(zh, en);
    }

    private Map<String, String> stringMap(Node node, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node, at).forEach((k, v) -> out.put(k, scalar(v, at + "." + k)));
        return out;
    }

    private List<String> strings(Node node, String at) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, at + ": must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            out.add(scalar(n, at + "[]"));
        }
        return out;
    }

    private MappingNode mapping(Node node, String at) {
        if (!(node instanceof MappingNode mn)) {
            throw error(node, at + ": must be a mapping");
        }
        return mn;
    }

    private Map<String, Node> map(Node node, String at) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node, at).getValue()) {
            String k = scalar(t.getKeyNode(), at + " key");
            if (out.put(k, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), at + "." + k + ": appears twice");
            }
        }
        return out;
    }

    private void keys(Map<String, Node> m, Node node, Set<String> allowed, String at) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw error(node, at + "." + k + ": unknown key (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private Node require(Map<String, Node> m, String key, Node parent) {
        Node n = m.get(key);
        if (n == null) {
            throw error(parent, key + ": required");
        }
        return n;
    }

    private String scalar(Node node, String at) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, at + ": must be a single value");
        }
        return s.getValue();
    }

    private FlowException error(Node node, String message) {
        return new FlowException(source, node.getStartMark().getLine() + 1, message);
    }
}
