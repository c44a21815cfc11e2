package firstrefusal.adapters.in;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.adapters.in.stream.DynamoDbStreamEvent;
import firstrefusal.config.CapacityConfig;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.RecordedChanges;
import firstrefusal.domain.events.EventBus;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.ledger.AgreementTally;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.record.Digest;
import firstrefusal.operations.LogFields;
import firstrefusal.operations.Metrics;
import firstrefusal.wire.EventJson;
import firstrefusal.wire.JsonFieldReader;
import firstrefusal.wire.WireJson;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code notify} function, picked with {@code QUARKUS_LAMBDA_HANDLER=notify}: the table's DynamoDB
 * Streams records in, one EventBridge event per new history entry, reminder or digest of the record out. Answers with the first
 * record it could not publish, so the stream is retried from there and nothing after it counts as done.
 */
@Named("notify")
public class NotifyFunction implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(NotifyFunction.class);

    private final EventBus bus;
    private final RecordedChanges<Map<String, AttributeValue>> changes;
    private final DecisionService decisions;
    private final AgreementTally tally;
    private final Metrics metrics;
    private final Clock clock;
    private final Set<String> skip;

    @jakarta.inject.Inject
    public NotifyFunction(EventBus bus, RecordedChanges<Map<String, AttributeValue>> changes, DecisionService decisions,
            AgreementTally tally, Metrics metrics, Clock clock, CapacityConfig config) {
        this(bus, changes, decisions, tally, metrics, clock, config.events().skipRecords().orElse(Set.of()));
    }

    /** @param skip stream records passed over without publishing, by sequence number (the runbook's way past a poison record) */
    public NotifyFunction(EventBus bus, RecordedChanges<Map<String, AttributeValue>> changes, DecisionService decisions,
            AgreementTally tally, Metrics metrics, Clock clock, Set<String> skip) {
        this.skip = Set.copyOf(skip);
        this.bus = bus;
        this.changes = changes;
        this.decisions = decisions;
        this.tally = tally;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LogFields.request(context);
        try {
            JsonNode event = WireJson.parse(WireJson.readPayload(input, WireJson.MAX_EVENT_BYTES, "event"), "event");
            JsonFieldReader.requireObject(event, "event");
            WireJson.write(output, failures(notify(DynamoDbStreamEvent.read(event))));
        } finally {
            LogFields.clear();
        }
    }

    /**
     * Publishes the batch's events in stream order, then records the notices among them; the sequence number of the
     * first record not done, if any. A {@code First Refusal Requested} whose window awaits its notice is told the instant
     * taken just before {@code PutEvents} (its {@code respondBy} moves when that is late), and once it was accepted,
     * that instant is recorded in the offer's log: the holder's window runs from what the record can show.
     */
    Optional<String> notify(DynamoDbStreamEvent batch) {
        Map<String, Integer> position = new HashMap<>();
        batch.records().forEach(r -> position.put(r.sequenceNumber(), position.size()));
        List<OfferEvent> events = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Instant> written = new ArrayList<>();
        String unreadable = null;
        Map<String, Digest> digests = new LinkedHashMap<>();
        Instant told = clock.instant();
        for (DynamoDbStreamEvent.StreamRecord record : batch.records()) {
            if (!record.isInsert()) {
                continue;
            }
            if (skip.contains(record.sequenceNumber())) {
                LogFields.put(LogFields.STREAM_SEQUENCE, record.sequenceNumber());
                LOG.errorf("stream record %s skipped, as capacity.events.skip-records says: nothing it records is published",
                        record.sequenceNumber());
                continue;
            }
            Optional<OfferEvent> found;
            try {
                Optional<Digest> digest = changes.digestIn(record.newImage());
                if (digest.isPresent()) {
                    digests.put(record.sequenceNumber(), digest.get());
                    continue;
                }
                found = changes.recordedIn(record.newImage()).map(OfferEvent::of);
            } catch (RuntimeException e) {
                LogFields.put(LogFields.STREAM_SEQUENCE, record.sequenceNumber());
                // Publish what came before it; this record stops the batch until someone looks (the stream's alarms).
                LOG.errorf(e, "stream record %s cannot be read as an event", record.sequenceNumber());
                unreadable = record.sequenceNumber();
                break;
            }
            found.ifPresent(e -> {
                events.add(e instanceof OfferEvent.FirstRefusalRequested notice && notice.isNotice() ? told(notice, told) : e);
                sources.add(record.sequenceNumber());
                written.add(record.written());
            });
        }
        Optional<String> offerEvents = publishAndRecord(events, sources, written, batch.records().size());
        Optional<String> firstDigestNotOut = digests.entrySet().stream()
                .filter(d -> bus.publish(d.getValue()).map(error -> {
                    LogFields.put(LogFields.STREAM_SEQUENCE, d.getKey());
                    LOG.errorf("Record Digest %d not published, retried from stream record %s: %s", d.getValue().digestId(),
                            d.getKey(), error);
                    return true;
                }).orElse(false))
                .map(Map.Entry::getKey).findFirst();
        // The stream is retried from the earliest record not done; what came after it goes out again under the same ids.
        return Stream.of(offerEvents, firstDigestNotOut, Optional.ofNullable(unreadable)).flatMap(Optional::stream)
                .min(Comparator.comparingInt(position::get));
    }

    /** Publishes the offers' events and records what was sent; the stream record of the first not done, if any. */
    private Optional<String> publishAndRecord(List<OfferEvent> events, List<String> sources, List<Instant> written, int records) {
        EventBus.Published result = bus.publish(events);
        Instant now = clock.instant();
        metrics.notices(written.subList(0, result.published()).stream().filter(Objects::nonNull)
                .map(w -> Duration.between(w, now)).toList(), events.size() - result.published());
        Optional<Integer> unrecorded = recordWhatWasSent(events.subList(0, result.published()));
        if (unrecorded.isPresent()) {
            return Optional.of(sources.get(unrecorded.get()));
        }
        if (result.published() < events.size()) {
            OfferEvent stuck = events.get(result.published());
            LogFields.put(LogFields.STREAM_SEQUENCE, sources.get(result.published()));
            LogFields.put(LogFields.OFFER_ID, stuck.offerId());
            LOG.errorf("%s %s not published, retried from stream record %s: %s", EventJson.detailType(stuck), stuck.eventId(),
                    sources.get(result.published()), result.failure().orElse(""));
            return Optional.of(sources.get(result.published()));
        }
        LOG.infof("published %d events from %d stream records: %s", events.size(), records,
                events.stream().map(OfferEvent::eventId).toList());
        return Optional.empty();
    }

    /**
     * The notice as it leaves: at {@code now}, or, when a notice of its window is on record already (this is a
     * redelivery), at the instant recorded, so every delivery of it says the same {@code respondBy}.
     */
    private OfferEvent.FirstRefusalRequested told(OfferEvent.FirstRefusalRequested notice, Instant now) {
        return notice.toldAt(decisions.noticeOnRecord(notice.offerId(), notice.window().revision()).orElse(now));
    }

    /**
     * For each published event, in order: the notice it was, if one, recorded in the offer's log; and the agreement's
     * figures (decisions per version, commitments) kept from its entry. The index of the first that could not be
     * recorded: its stream record is then retried (the event goes out again under the same id, and both records are
     * idempotent).
     */
    private Optional<Integer> recordWhatWasSent(List<OfferEvent> published) {
        for (int i = 0; i < published.size(); i++) {
            OfferEvent event = published.get(i);
            try {
                if (event instanceof OfferEvent.FirstRefusalRequested notice && notice.toldAt() != null) {
                    decisions.noticeSent(new Notice(notice.offerId(), notice.window().revision(), notice.toldAt()));
                }
                if (!(event instanceof OfferEvent.FirstRefusalReminder)) {
                    tally.record(new HistoryEntry(event.sequence(), event.decision(), event.offer(), "", null));
                }
            } catch (RuntimeException e) {
                LogFields.put(LogFields.OFFER_ID, event.offerId());
                LOG.errorf(e, "%s left but what it says could not be recorded; retried from its stream record", event.eventId());
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": "<SequenceNumber>"}]}}: empty when all went out. */
    private static ObjectNode failures(Optional<String> firstFailed) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        var failures = root.putArray("batchItemFailures");
        firstFailed.ifPresent(seq -> failures.addObject().put("itemIdentifier", seq));
        return root;
    }
}
