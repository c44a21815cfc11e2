package firstrefusal.domain.fold;

import static firstrefusal.domain.offer.EventOrder.Rank;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What time decides for a pending offer, with no message: its own expiry, the lapse of the holder's window, or a release
 * by the agreement (AGI declared, or an amendment that releases pending offers). One place for the fold, the clock and
 * the page's "what happens next" alike.
 *
 * <p>A release applies to the windows opened under a deployment that carried it, from its instant; a window opened
 * before the release was deployed is released only as the fold of what was recorded before that deployment allows
 * ({@link Retro}), so nothing decided earlier is decided again.
 */
final class TimeEvents {

    private final Deployments deployments;
    private final List<Deployments.TimedRelease> releases;

    TimeEvents(Deployments deployments) {
        this.deployments = deployments;
        this.releases = deployments.releases();
    }

    /**
     * A release of a window opened before the release was deployed: at {@code at}, never before what was recorded then;
     * a clock records it from {@code deployedAt} on, since the product learnt of it then.
     */
    record Retro(Instant at, Agreement.Release release, Instant deployedAt) {
    }

    /**
     * Something time decides for a pending offer, at its place in event order.
     *
     * @param notBefore a clock tick before this instant does not record it (a release deployed after its instant)
     */
    record TimeEvent(EventOrder order, Window window, Agreement.Release release, Instant notBefore) {

        TimeEvent(EventOrder order, Window window, Agreement.Release release) {
            this(order, window, release, Instant.MIN);
        }

        /** Due at a clock tick: an expiry or release once its instant has come, a lapse once the clock grace has passed too. */
        boolean dueByClock(Instant now) {
            Instant due = order.rank() == Rank.LAPSE ? order.at().plus(window.clockGrace()) : order.at();
            return !due.isAfter(now) && !notBefore.isAfter(now);
        }

        /** Due by an instant in event time, with no grace: what had happened by then. */
        boolean dueBy(Instant t) {
            return !order.at().isAfter(t);
        }

        /** The fold's step it makes for {@code offer}, standing in its window: caused by time, with no message. */
        Fold.Step step(CapacityOffer offer) {
            return new Fold.Step(decision(offer), offer, Fold.TIME, window);
        }

        /** What it decides: an expiry, a lapse, or a release by the agreement (AGI declared, or an amendment). */
        private Decision decision(CapacityOffer offer) {
            return switch (order.rank()) {
                case EXPIRY -> PendingOfferRules.offerExpired(offer, window, order.at());
                case LAPSE -> PendingOfferRules.firstRefusalLapsed(offer, window);
                default -> PendingOfferRules.released(offer, window, release.kind(), order.at(), release.version());
            };
        }
    }

    /**
     * The first thing time decides for an offer, if it is pending: the earliest of its expiry, its lapse and a release.
     *
     * @param retro          the releases of this window decided by the fold of what was recorded before they were deployed
     * @param countsNoticed  a replay's reading of a window with no notice on record at all: noticed when it opened
     */
    Optional<TimeEvent> next(CapacityOffer offer, Decision decision, Window window, List<Retro> retro, boolean countsNoticed) {
        if (window == null || !decision.status().isOutstanding()) {
            return Optional.empty();
        }
        List<TimeEvent> events = new ArrayList<>();
        if (offer.validUntil() != null) {
            // Never before the decision in force took effect: a revision's validUntil cannot end the offer before that
            // revision took effect (nor before the window opened, which that decision never precedes).
            Instant at = offer.validUntil().isBefore(decision.decidedAt()) ? decision.decidedAt() : offer.validUntil();
            events.add(new TimeEvent(new EventOrder(at, Rank.EXPIRY, Fold.TIME), window, null));
        }
        if (!window.isProvisional() || countsNoticed) {
            events.add(new TimeEvent(new EventOrder(window.currentDeadline(), Rank.LAPSE, Fold.TIME), window, null));
        }
        for (Deployments.TimedRelease t : releases) {
            Instant at = t.release().at();
            // Only for a window judged under a deployment that carries the release: one recorded after a later
            // deployment dropped it was never on record under it.
            // (The cheap tests first: whether the deployment carries it is asked last.)
            if (!t.isLaterThan(window.judgedAt()) && at.isAfter(window.openedAt()) && at.isBefore(t.removedAt())
                    && (window.judgedAt() == null || deployments.judging(window.judgedAt()).releases().contains(t.release()))) {
                events.add(new TimeEvent(new EventOrder(at, Rank.RELEASE, Fold.TIME), window, t.release()));
            }
        }
        retro.forEach(r -> events.add(new TimeEvent(new EventOrder(r.at(), Rank.RELEASE, Fold.TIME), window, r.release(), r.deployedAt())));
        return events.stream().min(Comparator.comparing(TimeEvent::order));
    }

    /**
     * Whether a release was deployed after this window opened, so that only the offer's whole record can say what it
     * does to it ({@link Retro}): the clock then reads the record rather than the pending offer alone.
     */
    boolean needsRecord(Window window) {
        return window != null && releases.stream()
                .anyMatch(t -> t.isLaterThan(window.judgedAt()) && t.release().at().isBefore(t.removedAt()));
    }
}
