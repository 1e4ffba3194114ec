package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An XML changelog in the shape of its YAML twin, so that one reader serves both: each element is a map
 * of one entry, its name to a map of its attributes, its text under its own name ({@code sql: ...}) and
 * its child elements as a list under {@code changes} ({@code rollback}'s too), as Liquibase's YAML
 * changelogs write them.
 */
final class XmlTree {
    private XmlTree() {}

    static Object parse(String file, String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            return element(root);
        } catch (MigrationsException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationsException(
                    file + " is not a well-formed XML changelog: " + e.getMessage()
                            + "; fix it (Liquibase would refuse it too) and import again",
                    e);
        }
    }

    private static Map<String, Object> element(Element element) {
        Map<String, Object> body = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (!attribute.getNodeName().startsWith("xmlns")
                    && !attribute.getNodeName().contains(":")) {
                body.put(attribute.getNodeName(), attribute.getNodeValue());
            }
        }
        List<Object> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element child) {
                if (name(child).equals("comment")) {
                    body.put("comment", child.getTextContent());
                } else {
                    children.add(element(child));
                }
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        String name = name(element);
        if (!children.isEmpty()) {
            body.put(name.equals("databaseChangeLog") ? name : "changes", children);
        } else if (!text.toString().isBlank()) {
            body.put(name, text.toString());
        }
        return name.equals("databaseChangeLog") ? Map.of(name, children) : Map.of(name, body);
    }

    private static String name(Element element) {
        return element.getLocalName() == null ? element.getNodeName() : element.getLocalName();
    }
}
