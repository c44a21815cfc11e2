package firstrefusal.app;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.adapters.in.NotifyFunction;
import firstrefusal.adapters.in.eventbridge.EventBridgeEvent;
import firstrefusal.adapters.in.sqs.SqsBatch;
import firstrefusal.adapters.in.stream.DynamoDbStreamEvent;
import firstrefusal.config.FunctionName;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Message;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.policy.Policy;
import firstrefusal.page.PageRequest;
import firstrefusal.page.PageRoutes;
import firstrefusal.wire.DecisionJson;
import firstrefusal.wire.EventJson;
import firstrefusal.wire.MessageJson;
import firstrefusal.wire.WireJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * Runs this function's own path once, end to end but writing nothing, so that a SnapStart snapshot holds it
 * loaded, linked and warm: a CRaC {@code beforeCheckpoint} hook (Lambda calls it before it takes the snapshot of a
 * published version). {@code decide}: its events parsed, a sample offer decided by the rules, and two reads of the
 * table; {@code status-page}: its pages rendered from the table (reads only); {@code notify}: a stream record read
 * and its event detail written, the EventBridge client built, nothing published.
 */
@Singleton
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private static final String SAMPLE_OFFER = """
            {"kind": "offer", "offerId": "priming-0", "revision": 1, "provider": "%s", "gpus": 1, "region": "priming",
             "workload": "TRAINING", "startDate": "2025-06-01", "termMonths": 1, "pricePerGpuHourUsd": 1.00,
             "receivedAt": "2025-01-21T15:00:00Z"}""";

    private final String handler;
    private final Policy policy;
    // Looked up when a function primes, so the init of a function that never uses one builds none.
    private final Instance<OfferStore> store;
    private final Instance<PageRoutes> page;
    private final Instance<NotifyFunction> notify;

    @jakarta.inject.Inject
    public Priming(FunctionName function, Policy policy, Instance<OfferStore> store, Instance<PageRoutes> page,
            Instance<NotifyFunction> notify) {
        this(function.value(), policy, store, page, notify);
    }

    Priming(String handler, Policy policy, Instance<OfferStore> store, Instance<PageRoutes> page, Instance<NotifyFunction> notify) {
        this.handler = handler;
        this.policy = policy;
        this.store = store;
        this.page = page;
        this.notify = notify;
    }

    void register(@Observes StartupEvent event) {
        // Without a CRaC runtime (a plain JVM start) the global context takes the resource and never calls it.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        LOG.infof("priming %s before the snapshot: %s", handler, prime());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing held open across the snapshot: the HTTP clients reconnect on their next call.
    }

    /** What was run, step by step; writes nothing anywhere. */
    public List<String> prime() {
        List<String> steps = new ArrayList<>();
        String offerJson = SAMPLE_OFFER.formatted(thirdParty());
        OfferMessage offer = MessageJson.read(WireJson.parse(offerJson, "message"));
        steps.add("parsed " + offer.key());
        switch (handler) {
            case "decide" -> primeDecide(offer, offerJson, steps);
            case "status-page" -> primePage(steps);
            case "notify" -> primeNotify(offer, steps);
            default -> steps.add("nothing for handler " + handler);
        }
        return steps;
    }

    private void primeDecide(OfferMessage offer, String offerJson, List<String> steps) {
        JsonNode sqs = WireJson.parse("{\"Records\": [{\"messageId\": \"m-0\", \"eventSource\": \"aws:sqs\", \"body\": "
                + WireJson.MAPPER.valueToTree(offerJson) + "}]}", "event");
        steps.add("SQS records " + SqsBatch.read(sqs).records().size());
        Message tick = EventBridgeEvent.read(WireJson.parse("""
                {"detail-type": "Scheduled Event", "source": "aws.events", "account": "000000000000",
                 "time": "2025-01-21T15:00:00Z", "detail": {}}""", "event")).message();
        steps.add("clock " + ((ClockTick) tick).now());
        Outcome outcome = new Adjudicator(policy).decide(Delivery.direct(offer), Optional.empty(), Instant.EPOCH);
        steps.add("decided " + WireJson.MAPPER.valueToTree(DecisionJson.write(outcome.answer())).path("rule").asText());
        // Reads only: an offer that is never on record, and the pending offers, as a tick reads them.
        store.get().outstanding();
        steps.add("read " + store.get().load("priming-0").isPresent() + ", and the pending offers");
    }

    private void primePage(List<String> steps) {
        for (String path : List.of("/", "/decisions", "/offers/priming-0", "/agreement")) {
            steps.add("GET " + path + " " + page.get().handle(new PageRequest("GET", path, Map.of(), "text/html")).status());
        }
        steps.add("GET /api/outstanding " + page.get().handle(new PageRequest("GET", "/api/outstanding", Map.of(), "application/json")).status());
    }

    private void primeNotify(OfferMessage offer, List<String> steps) {
        Outcome.Changed change = (Outcome.Changed) new Adjudicator(policy).decide(Delivery.direct(offer), Optional.empty(), Instant.EPOCH);
        HistoryEntry entry = change.appended().getFirst();
        steps.add("event " + EventJson.detail(OfferEvent.of(entry), policy).path("eventId").asText());
        DynamoDbStreamEvent stream = DynamoDbStreamEvent.read(WireJson.parse("""
                {"Records": [{"eventName": "MODIFY", "eventSource": "aws:dynamodb",
                  "dynamodb": {"SequenceNumber": "1", "NewImage": {"pk": {"S": "OFFER#priming-0"}, "sk": {"S": "STATE"}}}}]}""",
                "event"));
        steps.add("stream records " + stream.records().size());
        notify.get(); // builds the publisher and its EventBridge client; publishes nothing
        steps.add("notify and its EventBridge client built");
    }

    private String thirdParty() {
        return policy.providers().values().stream().filter(p -> p.kind() == firstrefusal.domain.policy.ProviderKind.THIRD_PARTY)
                .map(firstrefusal.domain.policy.Provider::id).sorted().findFirst().orElse(policy.holder());
    }

}
