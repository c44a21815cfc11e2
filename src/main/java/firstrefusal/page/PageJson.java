package firstrefusal.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.whatif.WhatIf;
import firstrefusal.wire.DecisionJson;
import firstrefusal.wire.MessageJson;
import firstrefusal.wire.WireJson;
import firstrefusal.wire.WireText;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The page's JSON twins: {@code /api/outstanding} and {@code /offers/{id}} with {@code Accept: application/json}. */
final class PageJson {

    private static final ObjectMapper MAPPER = WireJson.MAPPER;

    private PageJson() {
    }

    /**
     * {@code /api/outstanding}: the board as of {@code asOf} (to the second). Each row carries its deadline, the time left,
     * when it is next due and what time decides then ({@code next}), and the reminders sent (absent when reconstructed).
     * The offers time has decided by {@code asOf} are listed apart ({@code decidedByTime}), counted in no total.
     */
    static String board(Board board) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("asOf", Formats.iso(board.asOf()));
        root.put("reconstructed", board.reconstructed());
        root.put("projected", board.projected());
        root.put("offers", board.offerCount());
        root.put("gpus", board.gpus());
        root.put("megawatts", board.megawatts());
        root.put("offersWithoutMegawatts", board.withoutMegawatts());
        root.put("atRisk", board.atRiskCount());
        ArrayNode dueSoon = root.putArray("dueSoon");
        board.dueSoon().forEach(r -> dueSoon.add(r.offer().offerId()));
        ArrayNode providers = root.putArray("providers");
        for (Board.ProviderGroup group : board.providers()) {
            ObjectNode p = providers.addObject();
            p.put("provider", group.id());
            p.put("name", group.name());
            p.put("offers", group.count());
            p.put("gpus", group.gpus());
            p.put("megawatts", group.megawatts());
            p.put("offersWithoutMegawatts", group.withoutMegawatts());
            ArrayNode rows = p.putArray("outstanding");
            group.offers().forEach(row -> row(rows.addObject(), row));
        }
        // Time decided these by asOf (the clock has not recorded it yet, or, projected, will have): counted nowhere above.
        ArrayNode decided = root.putArray("decidedByTime");
        board.decided().rows().forEach(row -> row(decided.addObject(), row).put("provider", row.offer().provider()));
        ArrayNode recent = root.putArray("recentDecisions");
        board.recent().forEach(d -> recent.add(DecisionJson.write(d)));
        return write(root);
    }

    private static ObjectNode row(ObjectNode r, Board.Row row) {
        offer(r, row.offer());
        r.put("firstRefusalDeadline", text(row.decision().firstRefusalDeadline()));
        r.put("secondsLeft", row.timeLeft().toSeconds());
        r.put("atRisk", row.decision().atRisk());
        r.put("awaitsNotice", row.awaitsNotice());
        r.put("due", text(row.due()));
        row.next().ifPresent(n -> r.putObject("next").put("rule", n.decision().rule().name()).put("at", text(n.decision().decidedAt())));
        if (row.remindersSent() != null) {
            row.remindersSent().forEach(r.putArray("remindersSent")::add);
        }
        return r.put("nextAction", row.nextAction());
    }

    /**
     * {@code /offers/{id}} as JSON: {@code {"offer", "decision", "history", "withoutEffect"}}. Each history entry is the
     * decision as recorded (with {@code recordedAt}, and {@code corrects} on a correction), its place and its cause.
     */
    static String offer(OfferRecord record, List<Fold.WithoutEffect> withoutEffect) {
        ObjectNode root = MAPPER.createObjectNode();
        offer(root.putObject("offer"), record.state().offer());
        root.set("decision", DecisionJson.write(record.state().decision()));
        ArrayNode history = root.putArray("history");
        for (HistoryEntry entry : record.history()) {
            // Each entry is the decision as `decide` answered it, with its place and cause in the history.
            history.add(DecisionJson.write(entry.decision()).put("sequence", entry.sequence()).put("cause", entry.cause()));
        }
        ArrayNode kept = root.putArray("withoutEffect");
        for (Fold.WithoutEffect w : withoutEffect) {
            kept.addObject().put("kind", MessageJson.kind(w.delivery().message())).put("id", w.delivery().key())
                    .put("effectiveAt", text(w.delivery().effectiveAt())).put("reason", WireText.reason(w.reason()));
        }
        return write(root);
    }

    /**
     * {@code /api/decisions}: {@code {"decisions": [...], "next": "<cursor>" | null}}. Each decision is the decision
     * JSON of the contract plus its {@code sequence} in the offer's history and the {@code offer} terms it was made on.
     */
    static String decisions(List<HistoryEntry> entries, String next) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode decisions = root.putArray("decisions");
        for (HistoryEntry entry : entries) {
            ObjectNode d = DecisionJson.write(entry.decision()).put("sequence", entry.sequence());
            if (entry.offer() != null) {
                DecisionJson.writeTerms(d.putObject("offer"), entry.offer());
            } else {
                d.putNull("offer");
            }
            decisions.add(d);
        }
        root.put("next", next);
        return write(root);
    }

    /** {@code /api/what-if}, as the contract's "What-if" section gives it. */
    static String whatIf(WhatIfView view) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("asOf", Formats.iso(view.asOf()));
        ObjectNode draft = root.putObject("draft");
        view.typed().forEach(draft::put); // as given, as the contract says
        if (!view.exceptions().isEmpty()) {
            ArrayNode exceptions = draft.putArray("exception");
            view.exceptions().forEach(exceptions::add);
        }
        view.amendment().ifPresent(a -> draft.put(WhatIfView.AMENDMENT, a.version())
                .put(WhatIfView.AMENDMENT_FROM, text(a.effectiveFrom())));
        WhatIf.Report report = view.report();
        root.put("offers", report.offers());
        root.put("changed", report.changed());
        root.put("notReplayable", report.notReplayable());
        ArrayNode changes = root.putArray("changes");
        for (WhatIf.Change c : report.changes()) {
            ObjectNode o = changes.addObject().put("offerId", c.offerId()).put("provider", c.provider()).put("gpus", c.gpus());
            standing(o.putObject("recorded"), c.recorded());
            standing(o.putObject("draft"), c.draft());
        }
        ArrayNode transitions = root.putArray("byTransition");
        report.byTransition().forEach(t -> transitions.addObject().put("from", t.from().name()).put("to", t.to().name())
                .put("offers", t.offers()).put("gpus", t.gpus()));
        return write(root);
    }

    private static void standing(ObjectNode o, WhatIf.Standing s) {
        o.put("status", s.status().name()).put("rule", s.rule().name()).put("decidedAt", text(s.decidedAt()));
    }

    /** {@code /api/agreement}, as the contract's "The agreement over time" gives it. */
    static String agreement(AgreementView view) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("inForce", view.inForce());
        ArrayNode versions = root.putArray("versions");
        for (AgreementView.VersionRow v : view.versions()) {
            ObjectNode o = versions.addObject().put("version", v.version()).put("effectiveFrom", text(v.effectiveFrom()));
            ObjectNode changes = o.putObject("changes");
            v.changes().forEach(changes::put);
            o.put("decisions", v.decisions());
            v.terms().forEach(o.putArray("terms")::add);
        }
        ArrayNode commitments = root.putArray("commitments");
        for (AgreementView.CommitmentRow c : view.commitments()) {
            commitments.addObject().put("version", c.version()).put("provider", c.provider()).put("amountUsd", c.amountUsd())
                    .put("from", text(c.from())).put("to", text(c.to())).put("contractedUsd", c.contractedUsd())
                    .put("percent", c.percent()).put("recounting", c.recounting());
        }
        ArrayNode deployments = root.putArray("deployments");
        for (AgreementView.DeploymentRow d : view.deployments()) {
            ObjectNode o = deployments.addObject().put("id", d.id()).put("deployedAt", text(d.deployedAt()));
            d.versions().forEach(o.putArray("versions")::add);
            o.put("current", d.current());
        }
        return write(root);
    }

    static String problem(int status, String detail) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", status);
        root.put("error", detail);
        return write(root);
    }

    private static ObjectNode offer(ObjectNode o, CapacityOffer offer) {
        o.put("offerId", offer.offerId());
        o.put("revision", offer.revision());
        o.put("provider", offer.provider());
        return DecisionJson.writeTerms(o, offer);
    }

    private static String text(Instant instant) {
        return WireText.instant(instant);
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
