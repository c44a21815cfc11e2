package firstrefusal.offer;

import static firstrefusal.offer.Fields.require;
import static firstrefusal.offer.Fields.present;

import java.util.regex.Pattern;

/**
 * The ranges a message must keep to be accepted (src/docs/contract.md, "Messages in"); each failure names its field.
 * Applied once, when a message is accepted, and never to what is on record: tightening a rule here never makes a
 * recorded offer unreadable.
 */
public final class MessageChecks {

    private static final Pattern CUSTOMER = Pattern.compile("[a-z0-9-]{1,64}");

    private MessageChecks() {
    }

    /** @throws InvalidMessageException naming the first field out of range */
    public static void check(OfferMessage message) {
        switch (message) {
            case CapacityOffer o -> offer(o);
            case HolderResponse r -> {
                Fields.id("responseId", r.responseId());
                Fields.id("offerId", r.offerId());
                Fields.id("responder", r.responder());
                present("answer", r.answer());
                present("respondedAt", r.respondedAt());
                require(r.revision() == null || r.revision() >= 1, "revision", "must be at least 1 when given, was " + r.revision());
            }
            case Withdrawal w -> {
                Fields.id("offerId", w.offerId());
                present("withdrawnAt", w.withdrawnAt());
            }
        }
    }

    private static void offer(CapacityOffer o) {
        Fields.id("offerId", o.offerId());
        require(o.revision() >= 1, "revision", "must be at least 1, was " + o.revision());
        Fields.id("provider", o.provider());
        require(o.gpus() > 0, "gpus", "must be greater than 0, was " + o.gpus());
        require(o.megawatts() == null || o.megawatts().signum() > 0, "megawatts", "must be greater than 0 when given, was " + o.megawatts());
        if (o.megawatts() != null) {
            Fields.decimal("megawatts", o.megawatts());
        }
        Fields.text("region", o.region());
        present("workload", o.workload());
        present("startDate", o.startDate());
        require(o.termMonths() >= 1 && o.termMonths() <= 240, "termMonths", "must be 1 to 240, was " + o.termMonths());
        present("pricePerGpuHourUsd", o.pricePerGpuHourUsd());
        require(o.pricePerGpuHourUsd().signum() > 0, "pricePerGpuHourUsd", "must be greater than 0, was " + o.pricePerGpuHourUsd());
        Fields.decimal("pricePerGpuHourUsd", o.pricePerGpuHourUsd());
        present("receivedAt", o.receivedAt());
        require(o.customer() == null || CUSTOMER.matcher(o.customer()).matches(), "customer",
                "must match [a-z0-9-]{1,64} when given, was " + (o.customer() == null ? null : Fields.quoted(o.customer())));
    }
}
