package firstrefusal.adapters.out.eventbridge;

import firstrefusal.domain.record.Digest;
import firstrefusal.wire.EventJson;
import firstrefusal.wire.RecordJson;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Each digest of the record onto the bus as a {@code Record Digest} event, its detail the digest's JSON with its hash,
 * for the holder to keep in its own account (src/docs/contract.md, "A record that proves itself"). One entry a call: a
 * digest leaves once an hour at most. A digest is its own id ({@code digestId}), so a redelivery is told apart by it.
 */
public record DigestEvents(EventBridgeClient client, String bus) {

    /** Empty when the bus accepted it; else why not. A failed call is the same as a refused entry: the stream retries. */
    public Optional<String> publish(Digest digest) {
        try {
            PutEventsResultEntry result = client.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                    .eventBusName(bus).source(EventJson.SOURCE).detailType(RecordJson.DIGEST_DETAIL_TYPE)
                    .detail(RecordJson.digest(digest).toString()).build())).entries().getFirst();
            return result.errorCode() == null ? Optional.empty() : Optional.of(result.errorCode() + ": " + result.errorMessage());
        } catch (RuntimeException e) {
            return Optional.of("PutEvents failed: " + e.getMessage());
        }
    }
}
