package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.functions.WireParsing;
import firstrefusal.offer.OfferDecisions;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.OfferRecord;
import firstrefusal.policy.Policy;
import firstrefusal.support.FreshTable;
import firstrefusal.support.MemoryOfferStore;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WireMessages;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome a delivery must reach: the same messages, read as the handler reads them, decided once
 * each in event-time order by the same service over a store in memory.
 */
final class OrderedReplay {

    final MemoryOfferStore store = new MemoryOfferStore();
    final OfferDecisions decisions;

    OrderedReplay(Policy policy, List<OfferMessage> messages) {
        decisions = new OfferDecisions(policy, store);
        messages.stream().sorted(Comparator.comparing(OfferMessage::at))
                .forEach(m -> decisions.decide(WireParsing.read(WireMessages.json(m))));
    }

    /** Every offer is whole in the table and equal to its replayed record: state and every history entry. */
    TableAudit.Report assertTableMatches(FreshTable table) {
        TableAudit.Report audit = table.audit();
        assertThat(audit.problems()).as("offers whose state and history disagree").isEmpty();
        assertThat(audit.offers()).isEqualTo(store.all().size());
        int historyItems = 0;
        for (OfferRecord expected : store.all().values()) {
            assertThat(table.store().load(expected.state().offerId()).orElseThrow()).as(expected.state().offerId()).isEqualTo(expected);
            historyItems += expected.history().size();
        }
        assertThat(audit.historyItems()).isEqualTo(historyItems);
        return audit;
    }
}
