package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * One global cluster inside an RDS response (a {@code GlobalClusterMember} of {@code
 * DescribeGlobalClusters}, or the {@code GlobalCluster} of a switchover), read and rewritten in
 * place.
 */
final class GlobalClusterXml {

  private final Element element;

  GlobalClusterXml(Element element) {
    this.element = requireNonNull(element, "element is null");
  }

  Element element() {
    return element;
  }

  String identifier() {
    return RdsXml.childText(element, "GlobalClusterIdentifier").orElse("");
  }

  /** The ARNs of the member DB clusters, in the order moto lists them. */
  List<String> memberArns() {
    return members().stream()
        .map(member -> RdsXml.childText(member, "DBClusterArn").orElse(""))
        .toList();
  }

  /** The member moto reports as the writer; moto never changes it after creation. */
  Optional<String> writerArn() {
    return members().stream()
        .filter(member -> RdsXml.childText(member, "IsWriter").orElse("").equals("true"))
        .map(member -> RdsXml.childText(member, "DBClusterArn").orElse(""))
        .findFirst();
  }

  /**
   * Makes {@code writerArn} the writer the way AWS reports one: {@code IsWriter} true for it alone,
   * and its {@code Readers} listing every other member.
   */
  void showWriter(String writerArn) {
    List<String> arns = memberArns();
    for (Element member : members()) {
      String arn = RdsXml.childText(member, "DBClusterArn").orElse("");
      boolean writer = arn.equals(writerArn);
      RdsXml.setChildText(member, "IsWriter", Boolean.toString(writer));
      Element readers =
          RdsXml.child(member, "Readers").orElseGet(() -> RdsXml.appendElement(member, "Readers"));
      RdsXml.removeChildren(readers);
      if (writer) {
        arns.stream()
            .filter(other -> !other.equals(writerArn))
            .forEach(other -> RdsXml.appendText(readers, "member", other));
      }
    }
  }

  /** Removes member {@code arn}, and names it no more among the writer's readers. */
  void removeMember(String arn) {
    for (Element member : members()) {
      if (RdsXml.childText(member, "DBClusterArn").orElse("").equals(arn)) {
        member.getParentNode().removeChild(member);
        continue;
      }
      RdsXml.child(member, "Readers")
          .ifPresent(
              readers ->
                  RdsXml.children(readers, "member").stream()
                      .filter(reader -> reader.getTextContent().equals(arn))
                      .forEach(readers::removeChild));
    }
  }

  void showStatus(String status) {
    RdsXml.setChildText(element, "Status", status);
  }

  /** Shows the promotion in progress, as AWS does in {@code FailoverState}. */
  void showFailoverState(GlobalClusterPromotion promotion) {
    RdsXml.child(element, "FailoverState").ifPresent(element::removeChild);
    Element state = RdsXml.appendElement(element, "FailoverState");
    RdsXml.appendText(state, "Status", "failing-over");
    RdsXml.appendText(state, "FromDbClusterArn", promotion.fromArn());
    RdsXml.appendText(state, "ToDbClusterArn", promotion.toArn());
    RdsXml.appendText(state, "IsDataLossAllowed", Boolean.toString(promotion.allowDataLoss()));
  }

  private List<Element> members() {
    return RdsXml.child(element, "GlobalClusterMembers")
        .map(list -> RdsXml.children(list, "GlobalClusterMember"))
        .orElse(List.of());
  }
}
