package firstrefusal.page;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The types the templates read, registered for reflection in a native image: Qute's engine reads their components by
 * reflection ({@link Templates}), and so does {@link FormatsResolver} with {@link Formats}. TemplateTypesTest walks the
 * templates' parameters and fails on a type missing here.
 */
@RegisterForReflection(targets = {Formats.class,
        firstrefusal.domain.fold.Fold.Step.class,
        firstrefusal.domain.fold.Fold.WithoutEffect.class,
        firstrefusal.domain.offer.Answer.class,
        firstrefusal.domain.offer.CapacityOffer.class,
        firstrefusal.domain.offer.Decision.class,
        firstrefusal.domain.offer.Delivery.class,
        firstrefusal.domain.offer.HistoryEntry.class,
        firstrefusal.domain.offer.HolderResponse.class,
        firstrefusal.domain.offer.KeptItem.class,
        firstrefusal.domain.offer.LogItem.class,
        firstrefusal.domain.offer.Notice.class,
        firstrefusal.domain.offer.OfferMessage.class,
        firstrefusal.domain.offer.OfferRecord.class,
        firstrefusal.domain.offer.OfferState.class,
        firstrefusal.domain.offer.Rule.class,
        firstrefusal.domain.offer.Status.class,
        firstrefusal.domain.offer.Terms.class,
        firstrefusal.domain.offer.Window.class,
        firstrefusal.domain.offer.Withdrawal.class,
        firstrefusal.domain.offer.Workload.class,
        firstrefusal.domain.policy.Agreement.class,
        firstrefusal.domain.policy.Agreement.Version.class,
        firstrefusal.domain.policy.Amendment.class,
        firstrefusal.domain.policy.Amendment.Changes.class,
        firstrefusal.domain.policy.Amendment.PendingOffers.class,
        firstrefusal.domain.policy.Commitment.class,
        firstrefusal.domain.policy.Policy.class,
        firstrefusal.domain.policy.PreApproval.class,
        firstrefusal.domain.policy.Provider.class,
        firstrefusal.domain.policy.ProviderKind.class,
        firstrefusal.domain.whatif.WhatIf.Change.class,
        firstrefusal.domain.whatif.WhatIf.Report.class,
        firstrefusal.domain.whatif.WhatIf.Standing.class,
        firstrefusal.domain.whatif.WhatIf.Transition.class,
        firstrefusal.page.AgreementView.class,
        firstrefusal.page.AgreementView.CommitmentRow.class,
        firstrefusal.page.AgreementView.VersionRow.class,
        firstrefusal.page.Board.class,
        firstrefusal.page.Board.ProviderGroup.class,
        firstrefusal.page.Board.Row.class,
        firstrefusal.page.Chart.class,
        firstrefusal.page.Chart.Bar.class,
        firstrefusal.page.DecisionList.class,
        firstrefusal.page.DecisionList.Row.class,
        firstrefusal.page.Frame.class,
        firstrefusal.page.OfferView.class,
        firstrefusal.page.OfferView.Revision.class,
        firstrefusal.page.Timeline.class,
        firstrefusal.page.Timeline.Bar.class,
        firstrefusal.page.Timeline.Tick.class,
        firstrefusal.page.WhatIfView.class,
        java.util.Optional.class})
final class TemplateTypes {

    private TemplateTypes() {
    }
}
