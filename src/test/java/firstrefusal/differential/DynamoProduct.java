package firstrefusal.differential;

import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.RetryBudget;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.reference.Entry;
import firstrefusal.reference.Input;
import firstrefusal.reference.Result;
import firstrefusal.support.FreshTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole product on its real store: {@link DecisionService} ({@code decide}, {@code noticeSent}, {@code tick}) over a
 * fresh DynamoDB Local table, one service per deployment (each knowing the deployments made by then), all on one table,
 * with the processing clock set to each input's {@code recordedAt}. A {@code responseId} reused for another offer is
 * refused here by the store's claim item, as deployed.
 */
final class DynamoProduct implements Side {

    private final Scenario scenario;
    private final FreshTable table;
    private final Settable clock = new Settable();
    private final List<DecisionService> phases;

    DynamoProduct(DynamoDbClient client, Scenario scenario) {
        this.scenario = scenario;
        this.table = FreshTable.create(client, Scenario.toProduct(scenario.deployments().getFirst().agreement()),
                ReminderSchedule.NONE, "differential");
        this.phases = Product.phases(scenario).stream()
                .map(d -> new DecisionService(d, table.store(), ReminderSchedule.NONE, entry -> { }, clock)).toList();
    }

    @Override
    public Result process(Input input, Instant recordedAt) {
        clock.now = recordedAt;
        DecisionService service = phases.get(Product.phaseAt(scenario, recordedAt));
        try {
            if (input instanceof Input.Tick tick) {
                ClockSummary summary = service.tick(new ClockTick(tick.now()));
                return Product.ticked(summary.lapsed(), summary.expired(), summary.released());
            }
            LogItem item = Product.item(input);
            return Product.answered(item instanceof Notice n ? service.noticeSent(n)
                    : service.decide((Delivery) item, RetryBudget.UNBOUNDED));
        } catch (InvalidMessageException e) {
            return new Result.Refused(e.field());
        }
    }

    @Override
    public List<Entry> history(String offerId) {
        return table.store().load(offerId).map(r -> r.history().stream().map(Product::entry).toList()).orElse(List.of());
    }

    @Override
    public void close() {
        table.drop();
    }

    /** The processing clock: {@code recordedAt} of what the product writes. */
    private static final class Settable extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
