package firstrefusal.adapters.in;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.adapters.in.eventbridge.EventBridgeEvent;
import firstrefusal.adapters.in.sqs.SqsBatch;
import firstrefusal.config.CapacityConfig;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.RetryBudget;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Message;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.operations.LogFields;
import firstrefusal.operations.Metrics;
import firstrefusal.operations.OneLinePerRefusal;
import firstrefusal.wire.DecisionJson;
import firstrefusal.wire.JsonFieldReader;
import firstrefusal.wire.MessageJson;
import firstrefusal.wire.WireJson;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code decide} function (src/docs/contract.md, "Functions"), picked with {@code QUARKUS_LAMBDA_HANDLER=decide}. Takes a
 * message by direct invocation, an SQS batch (answering with only the failed records, so the rest are
 * not redelivered), or an EventBridge event. A thin adapter: the decisions are {@link DecisionService}'.
 */
@Named("decide")
public class DecideFunction implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(DecideFunction.class);

    private final DecisionService decisions;
    private final Metrics metrics;
    /** What one attempt at a message may take at worst: a read and a write, each up to the call timeout, and half a call more. */
    private final long attemptReserveMillis;

    @jakarta.inject.Inject
    public DecideFunction(DecisionService decisions, Metrics metrics, CapacityConfig config) {
        this(decisions, metrics, config.table().callTimeout());
    }

    /** @param callTimeout the longest one store call may take, its retries included */
    public DecideFunction(DecisionService decisions, Metrics metrics, Duration callTimeout) {
        this.decisions = decisions;
        this.metrics = metrics;
        this.attemptReserveMillis = callTimeout.toMillis() * 5 / 2;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LogFields.request(context);
        try {
            byte[] payload = WireJson.readPayload(input, WireJson.MAX_EVENT_BYTES, "event");
            JsonNode event = WireJson.parse(payload, "event");
            JsonFieldReader.requireObject(event, "event");
            if (SqsBatch.isOne(event)) {
                WireJson.write(output, sqsBatch(SqsBatch.read(event), context));
                return;
            }
            if (payload.length > WireJson.MAX_MESSAGE_BYTES) {
                throw new InvalidMessageException("event", "is larger than " + WireJson.MAX_MESSAGE_BYTES + " bytes");
            }
            WireJson.write(output, decide(event));
        } catch (InvalidMessageException e) {
            // Answered to the caller as the invocation's error; logged and counted here for the operators, once.
            rejected(e);
            OneLinePerRefusal.reported(e);
            throw e;
        } finally {
            LogFields.clear();
        }
    }

    private void rejected(InvalidMessageException e) {
        LogFields.put(LogFields.FIELD, e.field());
        LOG.warnf("message rejected: %s", e.getMessage());
        LogFields.remove(LogFields.FIELD);
        metrics.rejected(e.field());
    }

    /** One message, bare or in an EventBridge envelope, given directly: the decision, or for a clock tick its summary. */
    JsonNode decide(JsonNode event) {
        return decide(event, Optional.empty());
    }

    /**
     * One message, and its arrival when it came through the queue: the decision, or for a clock tick its summary.
     * An envelope's {@code time} is whatever the caller of PutEvents set, so it is never taken as arrival.
     */
    JsonNode decide(JsonNode event, Optional<Instant> arrival) {
        return decide(event, arrival, RetryBudget.UNBOUNDED);
    }

    private JsonNode decide(JsonNode event, Optional<Instant> arrival, RetryBudget budget) {
        JsonFieldReader.requireObject(event, "message");
        Optional<EventBridgeEvent> envelope = EventBridgeEvent.isOne(event) ? Optional.of(EventBridgeEvent.read(event)) : Optional.empty();
        Message message = envelope.map(EventBridgeEvent::message).orElseGet(() -> MessageJson.read(event));
        return switch (message) {
            case ClockTick tick -> {
                ClockSummary summary;
                try {
                    summary = decisions.tick(tick);
                } catch (RuntimeException e) {
                    metrics.clockFailed();
                    throw e;
                }
                // A tick that changes nothing (most of them) is not worth a line at INFO.
                LOG.logf(summary.isQuiet() ? Logger.Level.DEBUG : Logger.Level.INFO,
                        "clock %s: lapsed %s, expired %s, released %s, reminded %s",
                        tick.now(), summary.lapsed(), summary.expired(), summary.released(), summary.reminded());
                metrics.clock(summary);
                yield DecisionJson.write(summary);
            }
            case OfferMessage offerMessage -> {
                LogFields.message(offerMessage.offerId(), offerMessage.key());
                Decision decision = decisions.decide(new Delivery(offerMessage, arrival, envelope.flatMap(EventBridgeEvent::account)),
                        budget);
                LogFields.decision(decision.status().name(), decision.rule().name());
                LOG.infof("%s %s: %s by %s%s", offerMessage.offerId(), offerMessage.key(), decision.status(), decision.rule(),
                        decision.duplicate() ? " (duplicate)" : decision.late() ? " (late)" : "");
                LogFields.clearMessage();
                yield DecisionJson.write(decision);
            }
        };
    }

    /**
     * Whether an attempt at a message (a read and a write, each up to the call timeout with its retries) might not end
     * before the invocation does. Both a record not yet started and a lost race's next attempt ask: the worst case of
     * one attempt is what is reserved, so a record is never cut off halfway by the timeout, whatever the number of
     * races it loses. A runtime that sets no deadline (Quarkus' mock event server in dev and test) reports no time left.
     */
    private boolean isRunningOutOfTime(Context context) {
        if (context == null) {
            return false;
        }
        int left = context.getRemainingTimeInMillis();
        return left > 0 && left < attemptReserveMillis;
    }

    /** Each record is decided on its own; only the records that failed are reported, for redelivery. */
    private JsonNode sqsBatch(SqsBatch batch, Context context) {
        List<String> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage record = records.get(i);
            if (isRunningOutOfTime(context)) {
                // Handing the rest back beats being cut off by the timeout, which would retry the whole batch.
                LOG.warnf("Close to the timeout: %d SQS messages returned to the queue unstarted", records.size() - i);
                records.subList(i, records.size()).forEach(r -> failures.add(r.getMessageId()));
                break;
            }
            LogFields.put(LogFields.SQS_MESSAGE_ID, record.getMessageId());
            try {
                decide(WireJson.parse(record.getBody(), "body"), SqsBatch.arrival(record), () -> !isRunningOutOfTime(context));
            } catch (InvalidMessageException e) {
                rejected(e);
                failures.add(record.getMessageId());
            } catch (RuntimeException e) {
                LOG.errorf(e, "SQS message %s failed; it will be redelivered", record.getMessageId());
                failures.add(record.getMessageId());
            } finally {
                LogFields.clearMessage();
                LogFields.remove(LogFields.SQS_MESSAGE_ID);
            }
        }
        return SqsBatch.failures(failures);
    }
}
