package dev.migrations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every goal, every parameter a user can set and its {@code -D} property, as the generated plugin
 * descriptor lists them, is named in docs/maven-plugin.md.
 */
class DocumentedGoalsTest {
    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path PAGE = Path.of("../docs/maven-plugin.md");

    @Test
    void thePageNamesEveryGoalParameterAndProperty() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        Document descriptor =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        List<String> missing = new ArrayList<>();
        assertThat(mojos.getLength()).isEqualTo(9);
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (!page.contains("| `" + goal + "` |")) {
                missing.add("goal " + goal);
            }
            NodeList parameters = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element parameter = (Element) parameters.item(j);
                if (!"true".equals(text(parameter, "editable"))) {
                    continue;
                }
                String name = text(parameter, "name");
                if (!page.contains("| `" + name + "` |")) {
                    missing.add("parameter " + name + " of " + goal);
                }
            }
            NodeList configuration = mojo.getElementsByTagName("configuration");
            if (configuration.getLength() > 0) {
                NodeList values = ((Element) configuration.item(0)).getChildNodes();
                for (int j = 0; j < values.getLength(); j++) {
                    String expression = values.item(j).getTextContent().strip();
                    if (expression.startsWith("${migrations.")) {
                        String property = expression.substring(2, expression.length() - 1);
                        if (!page.contains("`" + property + "`")) {
                            missing.add("property " + property + " of " + goal);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("named in " + PAGE).isEmpty();
    }

    private static String text(Element element, String child) {
        NodeList nodes = element.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
