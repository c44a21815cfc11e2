package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.FieldChecks.present;
import static firstrefusal.domain.offer.FieldChecks.require;

import firstrefusal.domain.RefusedValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ranges a message must keep to be accepted (src/docs/contract.md, "Messages in"); each failure names its field.
 * Applied once, when a message is accepted, and never to what is on record: tightening a rule here never makes a
 * recorded offer unreadable.
 */
public final class MessageChecks {

    private static final Pattern CUSTOMER = Pattern.compile("[a-z0-9-]{1,64}");
    /** Bounds no real offer reaches: beyond them a value is a mistake, and would distort every total and chart. */
    static final long MAX_GPUS = 10_000_000;
    static final BigDecimal MAX_MEGAWATTS = BigDecimal.valueOf(100_000);
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000);
    static final int MAX_START_YEARS = 100;

    private MessageChecks() {
    }

    /** @throws InvalidMessageException naming the first field out of range */
    public static void check(OfferMessage message) {
        switch (message) {
            case CapacityOffer o -> offer(o);
            case HolderResponse r -> {
                FieldChecks.id("responseId", r.responseId());
                FieldChecks.id("offerId", r.offerId());
                FieldChecks.id("responder", r.responder());
                present("answer", r.answer());
                present("respondedAt", r.respondedAt());
                require(r.revision() == null || r.revision() >= 1, "revision", "must be at least 1 when given, was " + r.revision());
            }
            case Withdrawal w -> {
                FieldChecks.id("offerId", w.offerId());
                present("withdrawnAt", w.withdrawnAt());
            }
        }
    }

    private static void offer(CapacityOffer o) {
        FieldChecks.id("offerId", o.offerId());
        require(o.revision() >= 1, "revision", "must be at least 1, was " + o.revision());
        FieldChecks.id("provider", o.provider());
        require(o.gpus() > 0, "gpus", "must be greater than 0, was " + o.gpus());
        require(o.gpus() <= MAX_GPUS, "gpus", "must be at most " + String.format(Locale.ROOT, "%,d", MAX_GPUS)
                + ", was " + o.gpus());
        require(o.megawatts() == null || o.megawatts().signum() > 0, "megawatts", "must be greater than 0 when given, was " + o.megawatts());
        if (o.megawatts() != null) {
            require(o.megawatts().compareTo(MAX_MEGAWATTS) <= 0, "megawatts", "must be at most 100,000 when given, was "
                    + o.megawatts().toPlainString());
        }
        FieldChecks.text("region", o.region());
        present("workload", o.workload());
        present("startDate", o.startDate());
        require(o.termMonths() >= 1 && o.termMonths() <= 240, "termMonths", "must be 1 to 240, was " + o.termMonths());
        present("pricePerGpuHourUsd", o.pricePerGpuHourUsd());
        require(o.pricePerGpuHourUsd().signum() > 0, "pricePerGpuHourUsd", "must be greater than 0, was " + o.pricePerGpuHourUsd());
        require(o.pricePerGpuHourUsd().compareTo(MAX_PRICE) <= 0, "pricePerGpuHourUsd", "must be at most 1,000 USD per GPU-hour, was "
                + o.pricePerGpuHourUsd().toPlainString());
        present("receivedAt", o.receivedAt());
        LocalDate received = o.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
        require(!o.startDate().isBefore(received.minusYears(MAX_START_YEARS)) && !o.startDate().isAfter(received.plusYears(MAX_START_YEARS)),
                "startDate", "must be within " + MAX_START_YEARS + " years of receivedAt (" + received + "), was " + o.startDate());
        require(o.customer() == null || CUSTOMER.matcher(o.customer()).matches(), "customer",
                "must match [a-z0-9-]{1,64} when given, was " + (o.customer() == null ? null : RefusedValue.quoted(o.customer())));
    }
}
