package io.kefu.gateway.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.JsonHttpClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the flat documents WeCom posts — the outer {@code <xml><ToUserName/><Encrypt/><AgentID/></xml>}
 * (or its JSON twin) and the decrypted inner message — into a map of field → text. The XML parser
 * refuses DOCTYPEs and external entities: the body is attacker-controlled until the signature is checked.
 */
final class WeComCallbackBody {
    private WeComCallbackBody() {
    }

    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    static Map<String, String> parse(byte[] body) throws MalformedException {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            throw new MalformedException("empty body");
        }
        return text.startsWith("{") ? json(text) : xml(text);
    }

    static Map<String, String> parse(String text) throws MalformedException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> json(String text) throws MalformedException {
        JsonNode n;
        try {
            n = JsonHttpClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new MalformedException("body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedException("body is not a JSON object");
        }
        Map<String, String> out = new HashMap<>();
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static Map<String, String> xml(String text) throws MalformedException {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            root = b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new MalformedException("body is not well-formed XML");
        }
        if (!root.getTagName().equals("xml")) {
            throw new MalformedException("root element is not <xml>");
        }
        Map<String, String> out = new HashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node c = children.item(i);
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                out.put(c.getNodeName(), c.getTextContent().trim());
            }
        }
        return out;
    }
}
