package firstrefusal.page;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the status page shows as of an instant: the offers awaiting the holder then, those due soonest in a strip of
 * their own, then by provider (providers by outstanding GPUs, each one's offers the soonest due first), with totals and
 * the recent decisions; and apart from them, the offers time has decided by then (an expiry, a lapse, a release) that
 * the clock has not recorded yet. Headline, totals, chart, timeline and tables all count the same offers.
 *
 * <p>What time decides for each offer (its expiry, its lapse, a release by the agreement) is the {@link Fold}'s, the
 * same rules the decider and the clock apply; the page restates none of them.
 *
 * @param reconstructed true when the page shows the record as it stood at a past instant (folded from each offer's
 *                      messages and notices up to then), false when it shows the record as it stands
 * @param projected     true when {@code asOf} is later than now: the record as it stands, with what time will have decided
 *                      by then if nobody acts first
 * @param lookback      how far back before {@code asOf} a reconstruction looks for offers (by first receipt)
 * @param rows          every offer awaiting the holder then, the soonest due first
 * @param decided       the offers time has decided by {@code asOf} that the record does not show decided yet: no longer
 *                      awaiting the holder, so counted in no total
 * @param gpus          exact, however many offers: a sum that cannot overflow
 * @param withoutMegawatts offers that give no megawatts, which the megawatt total leaves out
 * @param headline      what the agreement in force at {@code asOf} makes of the offers listed, in one sentence
 */
public record Board(Instant asOf, Instant now, boolean reconstructed, boolean projected, Duration lookback, Duration dueWithin,
        List<Row> rows, Decided decided, List<Row> dueSoon, List<ProviderGroup> providers, BigInteger gpus, BigDecimal megawatts,
        int withoutMegawatts, int atRiskCount, List<Decision> recent, String headline, boolean firstRefusal) {

    public int offerCount() {
        return rows.size();
    }

    /** An offer awaiting the holder, as the page reads it: from the record, or reconstructed for a past instant. */
    public record Pending(CapacityOffer offer, Decision decision, Window window, Optional<Set<String>> remindersSent) {

        static Pending of(OfferState state) {
            return new Pending(state.offer(), state.decision(), state.window(), Optional.of(state.remindersSent()));
        }
    }

    /**
     * One outstanding offer as of the board's instant.
     *
     * @param next      what time decides next for it, and when (empty while only the holder's answer or its notice can)
     * @param due       when it next needs someone: its next time event, or for a window not yet noticed its provisional deadline
     * @param timeLeft  from {@code asOf} to the holder's deadline; negative once it has passed
     * @param remindersSent the leads of the reminders already sent ({@code P3D}), the longest first; null when not known
     */
    public record Row(CapacityOffer offer, String providerName, Decision decision, Window window, Optional<Fold.Step> next, Instant due,
            Duration timeLeft, List<String> remindersSent, String nextAction, boolean decidedByTime) {

        public boolean overdue() {
            return decidedByTime || !timeLeft.isPositive();
        }

        /** The holder has not been told yet: its deadline is provisional and nothing lapses the offer. */
        public boolean awaitsNotice() {
            return window != null && window.isProvisional();
        }

        /** "reminded 3 days and 1 day before", "no reminder sent yet"; null when not known (a reconstruction). */
        public String remindersText() {
            if (remindersSent == null) {
                return null;
            }
            return remindersSent.isEmpty() ? "no reminder sent yet" : "reminded " + String.join(" and ",
                    remindersSent.stream().map(lead -> Formats.words(Duration.parse(lead))).toList()) + " before the deadline";
        }
    }

    /**
     * One provider's outstanding offers, most urgent first. The page lists the first {@code rowLimit} of them (a page of
     * 10,000 rows helps nobody); the totals count them all.
     */
    public record ProviderGroup(String id, String name, String kind, int count, BigInteger gpus, BigDecimal megawatts,
            int withoutMegawatts, List<Row> offers, int rowLimit) {

        public List<Row> shownOffers() {
            return offers.subList(0, Math.min(rowLimit, offers.size()));
        }

        public int hiddenCount() {
            return Math.max(0, offers.size() - rowLimit);
        }
    }

    /**
     * The offers time has decided by the board's instant, the earliest first: the page lists the first {@code rowLimit}
     * (a clock stopped for a day must not make a page of thousands of rows) and counts the rest; the JSON holds them all.
     */
    public record Decided(List<Row> rows, int rowLimit) {

        public List<Row> shown() {
            return rows.subList(0, Math.min(rowLimit, rows.size()));
        }

        public int hiddenCount() {
            return Math.max(0, rows.size() - rowLimit);
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** How the board is cut: rows per provider, what counts as due soon and how many of those the strip lists. */
    record Layout(int rowsPerProvider, Duration dueWithin, int dueSoonRows) {
    }

    /**
     * @param now when the page is asked for: an offer time has decided by then (but the clock not yet recorded) says so
     */
    static Board of(List<Pending> pending, List<Decision> recent, Policy policy, Fold fold, Instant asOf, Instant now,
            boolean reconstructed, Duration lookback, Layout layout) {
        List<Row> all = pending.stream().map(p -> row(p, policy, fold, asOf, now))
                .sorted(Comparator.comparing(Row::due).thenComparing(r -> r.offer().offerId()))
                .toList();
        List<Row> rows = all.stream().filter(r -> !r.decidedByTime()).toList();
        List<Row> decided = all.stream().filter(Row::decidedByTime).toList();
        Map<String, List<Row>> byProvider = new LinkedHashMap<>();
        rows.forEach(r -> byProvider.computeIfAbsent(r.offer().provider(), p -> new ArrayList<>()).add(r));
        List<ProviderGroup> groups = new ArrayList<>();
        byProvider.forEach((id, own) -> {
            Provider provider = policy.provider(id).orElse(new Provider(id, id, null));
            groups.add(new ProviderGroup(id, provider.name(), Labels.label(provider.kind()), own.size(), gpus(own), megawatts(own),
                    withoutMegawatts(own), List.copyOf(own), layout.rowsPerProvider()));
        });
        groups.sort(Comparator.comparing(ProviderGroup::gpus).reversed().thenComparing(ProviderGroup::id));
        Instant soon = asOf.plus(layout.dueWithin());
        List<Row> dueSoon = rows.stream().filter(r -> !r.due().isAfter(soon)).limit(layout.dueSoonRows()).toList();
        int atRisk = (int) rows.stream().filter(r -> r.decision().atRisk()).count();
        Policy terms = fold.deployments().current().policyAt(asOf);
        return new Board(asOf, now, reconstructed, !reconstructed && asOf.isAfter(now), lookback, layout.dueWithin(), rows,
                new Decided(decided, layout.rowsPerProvider()),
                dueSoon, List.copyOf(groups), gpus(rows), megawatts(rows), withoutMegawatts(rows), atRisk, List.copyOf(recent),
                headline(terms, rows.size()), terms.firstRefusal());
    }

    /**
     * Who the offers listed wait on, and why, under the version in force at the board's instant: a version without first
     * refusal never has the page say the holder has it.
     */
    static String headline(Policy terms, int awaiting) {
        String holder = terms.holderName();
        if (terms.firstRefusal()) {
            return (awaiting == 0 ? "No offer waits on " + holder + ", which has first refusal under version "
                    : "Each offer below waits on " + holder + ", which has first refusal under version ") + terms.version()
                    + " of the agreement: it may match an offer within its window, or let it go to the buyer.";
        }
        return "Under version " + terms.version() + " of the agreement " + holder + " has no right of first refusal on new "
                + "capacity" + (awaiting == 0 ? ": no offer waits on it." : "; each offer below waits on it only because its "
                + "window opened under an earlier version, and it finishes under that version's terms.");
    }

    private static Row row(Pending p, Policy policy, Fold fold, Instant asOf, Instant now) {
        Optional<Fold.Step> next = fold.nextByTime(p.offer(), p.decision(), p.window());
        Instant deadline = p.decision().firstRefusalDeadline();
        Instant due = next.map(s -> s.decision().decidedAt()).orElse(deadline);
        boolean decided = next.isPresent() && !due.isAfter(asOf);
        List<String> reminders = p.remindersSent().map(Board::longestFirst).orElse(null);
        String name = policy.provider(p.offer().provider()).map(Provider::name).orElse(p.offer().provider());
        return new Row(p.offer(), name, p.decision(), p.window(), next, due, Duration.between(asOf, deadline), reminders,
                NextAction.of(p, next, policy, asOf, now), decided);
    }

    /** The configured leads as sent ({@code P3D}, {@code PT24H}), the longest first. */
    private static List<String> longestFirst(Set<String> leads) {
        return leads.stream().sorted(Comparator.comparing(Duration::parse).reversed()).toList();
    }

    private static BigInteger gpus(List<Row> rows) {
        return rows.stream().map(r -> BigInteger.valueOf(r.offer().gpus())).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static BigDecimal megawatts(List<Row> rows) {
        return rows.stream().map(r -> r.offer().megawatts()).filter(m -> m != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static int withoutMegawatts(List<Row> rows) {
        return (int) rows.stream().filter(r -> r.offer().megawatts() == null).count();
    }
}
