package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.whatif.WhatIf;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code /what-if} and {@code /api/what-if} read: the record replayed under the request's draft, offer by offer as
 * first received in the range, through the replay index; never more offers than one replay may read.
 */
record WhatIfReads(OfferStore store, Deployments deployments, StatusPageConfig config) {

    WhatIfView read(Map<String, String> query, Instant now) {
        WhatIfView view = WhatIfView.read(query, deployments.current(), now);
        WhatIf replay = new WhatIf(deployments, view.draftOf(deployments), view.asOf());
        if (!store.forEachOfferReceived(view.from(), view.to(), config.maxReplayOffers(), replay::add)) {
            throw new BadRequest(view.from().isPresent() ? "to" : "from", "more than " + Formats.thousands(config.maxReplayOffers())
                    + " offers were first received in this range, more than one replay reads; narrow it with from and to"
                    + " (a quarter at a time, say)");
        }
        return view.withReport(replay.report());
    }
}
