package firstrefusal.domain.fold;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Withdrawal;
import java.util.Optional;

/**
 * Delivery is at least once: an item seen before is answered as its first delivery was, and writes nothing. Same key,
 * other content is a conflict, refused naming the field (src/docs/contract.md, "Delivery").
 */
final class Redeliveries {

    private Redeliveries() {
    }

    /**
     * The answer to a redelivery: the offer's decision as it stands now (after any correction), marked a duplicate, and
     * late as its first delivery was: an offer revision with equal content, a response with the same id and answer, the
     * same withdrawal, a notice already recorded. (A withdrawal at a later instant than one
     * that already withdrew the offer is a repeat too, but the fold says so: it is kept, in case a revision turns out to
     * stand between them.)
     *
     * @throws InvalidMessageException for a response id reused with another answer, or a revision with other content
     */
    static Optional<Decision> answerTo(LogItem item, OfferRecord record) {
        Optional<KeptItem> same = record.kept(item.key());
        return switch (item) {
            case Notice n -> same.map(k -> record.state().decision().asDuplicate());
            case Delivery d -> switch (d.message()) {
                case CapacityOffer o -> same.map(k -> {
                    if (!((CapacityOffer) ((Delivery) k.item()).message()).sameContentAs(o)) {
                        throw new InvalidMessageException("revision", "offer " + o.offerId() + " revision " + o.revision()
                                + " was already received with different content; send changes as revision "
                                + (record.state().offer().revision() + 1));
                    }
                    return asItStands(record, k);
                });
                case HolderResponse r -> same.map(k -> {
                    Answer first = ((HolderResponse) ((Delivery) k.item()).message()).answer();
                    if (first != r.answer()) {
                        throw new InvalidMessageException("responseId", "response " + r.responseId() + " was already received "
                                + "with the answer " + first + "; a responseId names one answer, was " + r.answer());
                    }
                    return asItStands(record, k);
                });
                case Withdrawal w -> same.map(k -> asItStands(record, k));
            };
        };
    }

    private static Decision asItStands(OfferRecord record, KeptItem first) {
        Decision now = record.state().decision().asDuplicate();
        return first.answer() != null && first.answer().late() ? now.asLate() : now;
    }
}
