package firstrefusal.page;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Terms;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ProviderKind;
import firstrefusal.domain.whatif.WhatIf;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;

/**
 * The types the templates read, registered for reflection in a native image: Qute's engine reads their components by
 * reflection ({@link Templates}), and so does {@link FormatsResolver} with {@link Formats}. TemplateTypesTest walks the
 * templates' parameters and fails on a type missing here.
 */
@RegisterForReflection(targets = {
        // page
        Formats.class, AgreementView.class, AgreementView.CommitmentRow.class, AgreementView.VersionRow.class, AgreementView.DeploymentRow.class, Board.class,
        Board.ProviderGroup.class, Board.Row.class, Chart.class, Chart.Bar.class, DecisionList.class,
        DecisionList.Row.class, Frame.class, OfferView.class, OfferView.Revision.class, Timeline.class,
        Timeline.Bar.class, Timeline.Tick.class, WhatIfView.class, WhatIfView.Shift.class, WhatIfView.Term.class,
        // domain.fold
        Fold.Step.class, Fold.WithoutEffect.class,
        // domain.offer
        Answer.class, CapacityOffer.class, Decision.class, EventOrder.class, EventOrder.Rank.class, Delivery.class, HistoryEntry.class, HolderResponse.class,
        KeptItem.class, LogItem.class, Notice.class, OfferMessage.class, OfferRecord.class, OfferState.class,
        Rule.class, Status.class, Terms.class, Window.class, Withdrawal.class, Workload.class,
        // domain.policy
        Agreement.class, Agreement.Release.class, Agreement.ReleaseKind.class, Agreement.Version.class, Amendment.class, Amendment.Changes.class,
        Amendment.PendingOffers.class, Commitment.class, Policy.class, Policy.Builder.class, PreApproval.class, Provider.class,
        ProviderKind.class,
        // domain.whatif
        WhatIf.Change.class, WhatIf.Report.class, WhatIf.Standing.class, WhatIf.Transition.class,
        // the JDK: Optional, and Enum for the name() every enum inherits
        Optional.class, Enum.class})
final class TemplateTypes {

    private TemplateTypes() {
    }
}
