package firstrefusal.domain.fold;

import static firstrefusal.domain.offer.EventOrder.Rank;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What time decides for a pending offer, with no message: its own expiry, the lapse of the holder's window, or a release
 * by the agreement (AGI declared, or an amendment that releases pending offers). One place for the fold, the clock and
 * the page's "what happens next" alike.
 */
final class TimeEvents {

    private final List<Agreement.Release> releases;
    private final Fold.Mode mode;

    TimeEvents(List<Agreement.Release> releases, Fold.Mode mode) {
        this.releases = releases;
        this.mode = mode;
    }

    /** Something time decides for a pending offer, at its place in event order. */
    record TimeEvent(EventOrder order, Window window, Agreement.Release release) {

        /** Due at a clock tick: an expiry or release once its instant has come, a lapse once the clock grace has passed too. */
        boolean dueByClock(Instant now) {
            Instant due = order.rank() == Rank.LAPSE ? order.at().plus(window.clockGrace()) : order.at();
            return !due.isAfter(now);
        }

        /** What it decides: an expiry, a lapse, or a release by the agreement (AGI declared, or an amendment). */
        Decision decision(CapacityOffer offer, Window window) {
        return switch (order.rank()) {
            case EXPIRY -> PendingOfferRules.offerExpired(offer, window, order.at());
            case LAPSE -> PendingOfferRules.firstRefusalLapsed(offer, window);
            default -> PendingOfferRules.released(offer, window,
                    release.kind() == Agreement.ReleaseKind.AGI_DECLARED ? Rule.AGI_DECLARED : Rule.RELEASED_BY_AMENDMENT,
                    order.at(), release.version());
        };
        }
    }

    /** The first thing time decides for an offer, if it is pending: the earliest of its expiry, its lapse and a release. */
    Optional<TimeEvent> next(CapacityOffer offer, Decision decision, Window window) {
        if (window == null || !decision.status().isOutstanding()) {
            return Optional.empty();
        }
        List<TimeEvent> events = new ArrayList<>();
        if (offer.validUntil() != null) {
            Instant at = offer.validUntil().isBefore(window.openedAt()) ? window.openedAt() : offer.validUntil();
            events.add(new TimeEvent(new EventOrder(at, Rank.EXPIRY, Fold.TIME), window, null));
        }
        if (!window.isProvisional() || mode == Fold.Mode.REPLAY) {
            events.add(new TimeEvent(new EventOrder(window.currentDeadline(), Rank.LAPSE, Fold.TIME), window, null));
        }
        releases.stream().filter(r -> r.at().isAfter(window.openedAt())).findFirst()
                .ifPresent(r -> events.add(new TimeEvent(new EventOrder(r.at(), Rank.RELEASE, Fold.TIME), window, r)));
        return events.stream().min(Comparator.comparing(TimeEvent::order));
    }
}
