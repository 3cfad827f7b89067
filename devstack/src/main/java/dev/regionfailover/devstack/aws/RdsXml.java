package dev.regionfailover.devstack.aws;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reading and writing the XML of the RDS query protocol. Documents are parsed without namespace
 * awareness: every element of an RDS response lives in the one RDS namespace, which the root
 * element declares as its default.
 */
final class RdsXml {

  static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

  private RdsXml() {}

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("moto answered RDS XML that cannot be parsed: " + xml, e);
    }
  }

  /** A new document whose root is {@code rootName} in the RDS namespace. */
  static Document newResponse(String rootName) {
    return parse("<" + rootName + " xmlns=\"" + NAMESPACE + "\"/>");
  }

  static String serialize(Document document) {
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter writer = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(writer));
      return writer.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write RDS XML", e);
    }
  }

  /** The RDS error document the SDK maps to the exception of {@code code}. */
  static String error(String code, String message, String requestId) {
    Document document = newResponse("ErrorResponse");
    Element root = document.getDocumentElement();
    Element error = appendElement(root, "Error");
    appendText(error, "Type", "Sender");
    appendText(error, "Code", code);
    appendText(error, "Message", message);
    appendText(root, "RequestId", requestId);
    return serialize(document);
  }

  static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }

  static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  static Optional<String> childText(Element parent, String name) {
    return child(parent, name).map(Element::getTextContent).map(String::trim);
  }

  /** Sets the text of the child {@code name}, adding the child when it is missing. */
  static void setChildText(Element parent, String name, String text) {
    child(parent, name).orElseGet(() -> appendElement(parent, name)).setTextContent(text);
  }

  static Element appendElement(Element parent, String name) {
    Element element = parent.getOwnerDocument().createElement(name);
    parent.appendChild(element);
    return element;
  }

  static Element appendText(Element parent, String name, String text) {
    Element element = appendElement(parent, name);
    element.setTextContent(text);
    return element;
  }

  static void removeChildren(Element parent) {
    while (parent.getFirstChild() != null) {
      parent.removeChild(parent.getFirstChild());
    }
  }
}
