package firstrefusal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instants and reasons as every JSON answer, event and CSV row writes them: whole seconds with {@code Z}, and lengths
 * of time in words, for reasons recorded before reasons said them so too.
 */
class WireTextTest {

    private static final Instant WITH_NANOS = Instant.parse("2026-12-07T00:15:35.118813912Z");

    @Test
    void anInstantIsWrittenToTheSecond() {
        assertThat(WireText.instant(WITH_NANOS)).isEqualTo("2026-12-07T00:15:35Z");
        assertThat(WireText.instant(Instant.parse("2026-12-07T00:15:00Z"))).isEqualTo("2026-12-07T00:15:00Z");
        assertThat(WireText.instant(null)).isNull();
    }

    @Test
    void aReasonRecordedWithNanosecondsAndIsoDurationsReadsInWholeSecondsAndWords() {
        assertThat(WireText.reason("The holder was told at 2026-12-07T00:15:35.118813912Z, more than PT1H after the window opened"
                + " at 2026-12-06T22:00:00Z: first refusal now runs until 2026-12-21T00:15:35.118813912Z"))
                .isEqualTo("The holder was told at 2026-12-07T00:15:35Z, more than 1 hour after the window opened at"
                        + " 2026-12-06T22:00:00Z: first refusal now runs until 2026-12-21T00:15:35Z");
        assertThat(WireText.reason("a window of PT336H, or P14D, or P1DT12H")).isEqualTo("a window of 14 days, or 14 days, or 1 day 12 hours");
        assertThat(WireText.reason("offer oracle-P3-1 at P")).as("no duration, nothing changed").isEqualTo("offer oracle-P3-1 at P");
    }

    @Test
    void aDecisionAndAnEventCarryNoFractionOfASecond() {
        CapacityOffer offer = Offers.offer("nanos-1").receivedAt(WITH_NANOS).validUntil(WITH_NANOS.plusSeconds(86_400)).build();
        Decision decided = Decision.of(offer, Status.PENDING_FIRST_REFUSAL, Rule.NOTICE_LATE, "told at " + WITH_NANOS + ", more than PT1H late",
                WITH_NANOS.plusSeconds(3600), WITH_NANOS, "2025-01-21").recorded(WITH_NANOS.plusNanos(5), null);

        JsonNode event = EventJson.detail(new OfferEvent.OfferDecided(2, decided, offer), TestPolicies.defaultContract());

        List<String> texts = new ArrayList<>();
        event.findParents("decidedAt").forEach(n -> n.properties().forEach(e -> texts.add(e.getValue().asText())));
        texts.add(event.path("offer").path("receivedAt").asText());
        texts.add(event.path("offer").path("validUntil").asText());
        assertThat(texts).noneMatch(t -> t.matches(".*\\d{2}:\\d{2}:\\d{2}\\.\\d+Z.*"));
        assertThat(event.path("decision").path("decidedAt").asText()).isEqualTo("2026-12-07T00:15:35Z");
        assertThat(event.path("decision").path("reason").asText()).isEqualTo("told at 2026-12-07T00:15:35Z, more than 1 hour late");
    }
}
