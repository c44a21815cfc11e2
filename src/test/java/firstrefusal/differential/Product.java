package firstrefusal.differential;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.reference.Entry;
import firstrefusal.reference.Input;
import firstrefusal.reference.Result;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Inputs to the product's messages, and the product's answers to the model's shape, field for field. */
final class Product {

    private Product() {
    }

    /** The product's deployments as a process started under deployment {@code i} knows them: those up to it. */
    static List<Deployments> phases(Scenario scenario) {
        List<Deployment> all = scenario.deployments().stream().map(scenario::toProduct).toList();
        List<Deployments> phases = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            phases.add(new Deployments(all.subList(0, i + 1), all.get(i)));
        }
        return phases;
    }

    /** Which phase a message recorded at {@code at} is processed in: the last deployed at or before it (else the first). */
    static int phaseAt(Scenario scenario, Instant at) {
        int phase = 0;
        for (int i = 0; i < scenario.deployments().size(); i++) {
            if (!scenario.deployments().get(i).deployedAt().isAfter(at)) {
                phase = i;
            }
        }
        return phase;
    }

    static LogItem item(Input input) {
        return switch (input) {
            case Input.Offer o -> new Delivery(new CapacityOffer(o.offerId(), o.revision(), o.provider(), o.gpus(),
                    o.megawatts() == null ? null : BigDecimal.valueOf(o.megawatts()), o.region(), Workload.valueOf(o.workload()),
                    o.startDate(), o.termMonths(), o.price(), o.validUntil(), o.receivedAt(), o.customer()),
                    Optional.ofNullable(o.arrival()), Optional.empty());
            case Input.Answer a -> new Delivery(new HolderResponse(a.responseId(), a.offerId(), a.responder(),
                    Answer.valueOf(a.answer()), a.respondedAt(), a.revision()), Optional.ofNullable(a.arrival()),
                    Optional.ofNullable(a.account()));
            case Input.Withdrawal w -> new Delivery(new Withdrawal(w.offerId(), w.withdrawnAt()), Optional.ofNullable(w.arrival()),
                    Optional.empty());
            case Input.Notice n -> new Notice(n.offerId(), n.revision(), n.sentAt());
            case Input.Tick t -> throw new IllegalArgumentException("a tick is no log item");
        };
    }

    /** A decision as the model states it: the deadline only while pending. */
    static Result.Answered answered(Decision d) {
        return new Result.Answered(d.status().name(), d.rule().name(), d.decidedAt(), deadline(d), d.revision(),
                d.policyVersion(), d.duplicate(), d.late());
    }

    static Entry entry(HistoryEntry e) {
        Decision d = e.decision();
        return new Entry(e.sequence(), d.status().name(), d.rule().name(), d.decidedAt(), deadline(d), d.revision(),
                d.policyVersion(), d.corrects(), d.recordedAt());
    }

    static Result.TickDone ticked(List<String> lapsed, List<String> expired, List<String> released) {
        return new Result.TickDone(List.copyOf(new TreeSet<>(lapsed)), List.copyOf(new TreeSet<>(expired)),
                List.copyOf(new TreeSet<>(released)));
    }

    private static Instant deadline(Decision d) {
        return d.status().isOutstanding() ? d.firstRefusalDeadline() : null;
    }
}
