package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Locale;

/**
 * Binds a valid estate document to the records workflows receive. The document's spelling differs
 * from the records' in a few places, which are rewritten first: a hosted zone is two optional keys
 * of its record but one {@link HostedZone}, traffic layers are named by their keys, and routing
 * policies in any case.
 */
final class EstateBinder {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(new JavaTimeModule());

  private EstateBinder() {}

  static Estate bind(JsonNode document) {
    ObjectNode estate = document.deepCopy();
    // Sections an estate may leave out bind as "none configured", as the records expect.
    estate.putIfAbsent("traffic", estate.objectNode());
    estate.putIfAbsent("fleets", estate.objectNode());
    ((ObjectNode) estate.get("approvals")).putIfAbsent("approvers", estate.arrayNode());
    JsonNode traffic = estate.get("traffic");
    if (traffic.has("route53")) {
      ObjectNode route53 = (ObjectNode) traffic.get("route53");
      zone(route53);
      if (route53.has("routing")) {
        route53.put("routing", route53.get("routing").asText().toUpperCase(Locale.ROOT));
      }
    }
    if (traffic.has("order")) {
      ArrayNode order = (ArrayNode) traffic.get("order");
      for (int i = 0; i < order.size(); i++) {
        order.set(i, layer(order.get(i).asText()).name());
      }
    }
    zone((ObjectNode) estate.get("aurora").get("writerRecord"));
    try {
      return MAPPER.treeToValue(estate, Estate.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a valid estate does not bind: " + e.getOriginalMessage(), e);
    }
  }

  /** Replaces hostedZoneId or hostedZoneName with a zone; a name always ends in a dot. */
  private static void zone(ObjectNode record) {
    ObjectNode zone = record.putObject("zone");
    JsonNode id = record.remove("hostedZoneId");
    JsonNode name = record.remove("hostedZoneName");
    if (id != null) {
      zone.put("id", id.asText());
    } else {
      String text = name.asText();
      zone.put("name", text.endsWith(".") ? text : text + ".");
    }
  }

  private static TrafficLayer layer(String key) {
    for (TrafficLayer layer : TrafficLayer.values()) {
      if (layer.key().equals(key)) {
        return layer;
      }
    }
    throw new IllegalStateException("the schema admits no traffic layer " + key);
  }
}
