package firstrefusal.domain.policy;

import java.time.Instant;
import java.util.List;

/** Where the deployments are kept (src/docs/contract.md, "Configuration takes effect when it is deployed"). */
public interface DeploymentRecord {

    /**
     * Every deployment on record, this agreement's among them: recorded with {@code now} as its deployed instant the first
     * time any function starts under it (a conditional write, so two first starts record one), and one read after that.
     */
    List<Deployment> recordOnce(Agreement agreement, Instant now);
}
