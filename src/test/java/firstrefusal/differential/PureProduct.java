package firstrefusal.differential;

import firstrefusal.support.InMemoryRecords;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Rule;
import firstrefusal.reference.Entry;
import firstrefusal.reference.Input;
import firstrefusal.reference.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The product's pure decide core, with the records kept in memory: {@link Adjudicator#check} and
 * {@link Adjudicator#decide} for a log item, and for a clock tick the calls {@code ClockTicks} makes for each pending
 * offer. Each input goes to the adjudicator of the deployment in force when it is processed, which knows only the
 * deployments made by then.
 */
final class PureProduct implements Side {

    private final Scenario scenario;
    private final List<Adjudicator> phases;
    private final Map<String, OfferRecord> records = new TreeMap<>();

    PureProduct(Scenario scenario) {
        this.scenario = scenario;
        this.phases = Product.phases(scenario).stream().map(Adjudicator::new).toList();
    }

    @Override
    public Result process(Input input, Instant recordedAt) {
        Adjudicator adjudicator = phases.get(Product.phaseAt(scenario, recordedAt));
        if (input instanceof Input.Tick tick) {
            return tick(adjudicator, tick.now(), recordedAt);
        }
        LogItem item = Product.item(input);
        try {
            Adjudicator.Checked checked = adjudicator.check(item);
            OfferRecord before = records.get(item.offerId());
            Outcome outcome = adjudicator.decide(checked, Optional.ofNullable(before), recordedAt);
            if (outcome instanceof Outcome.Changed change) {
                records.put(item.offerId(), InMemoryRecords.after(before, change));
            }
            return Product.answered(outcome.answer());
        } catch (InvalidMessageException e) {
            return new Result.Refused(e.field());
        }
    }

    /** As {@code ClockTicks.run}: every pending offer, from its state or, when only its record can tell, its record. */
    private Result tick(Adjudicator adjudicator, Instant now, Instant recordedAt) {
        List<String> lapsed = new ArrayList<>(), expired = new ArrayList<>(), released = new ArrayList<>();
        for (Map.Entry<String, OfferRecord> e : records.entrySet()) {
            OfferRecord record = e.getValue();
            OfferState state = record.state();
            if (!state.isOutstanding()) {
                continue;
            }
            Optional<Outcome.Changed> change = adjudicator.clockNeedsRecord(state)
                    ? adjudicator.onClock(record, now, recordedAt)
                    : adjudicator.onClock(state, now, recordedAt);
            if (change.isPresent()) {
                e.setValue(InMemoryRecords.after(record, change.get()));
                Rule rule = change.get().answer().rule();
                (rule == Rule.OFFER_EXPIRED ? expired : rule == Rule.FIRST_REFUSAL_LAPSED ? lapsed : released).add(e.getKey());
            }
        }
        return Product.ticked(lapsed, expired, released);
    }

    @Override
    public List<Entry> history(String offerId) {
        OfferRecord record = records.get(offerId);
        return record == null ? List.of() : record.history().stream().map(Product::entry).toList();
    }
}
