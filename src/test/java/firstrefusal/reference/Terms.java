package firstrefusal.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * One complete version of the agreement (SPEC §2, with §11's time terms and §12's amendment terms).
 * An amendment's terms are already the previous version's with its changes applied.
 */
public record Terms(String version, String holder, LocalDate termEnds, Duration window, BigDecimal priceDropPercent,
                    BigDecimal capacityIncreasePercent, Instant agiDeclaredAt, Duration clockGrace, Duration clockSkew,
                    Duration noticeGrace, boolean lapseRequiresNotice, boolean firstRefusal, Set<String> apiExemptCustomers,
                    Map<String, Provider> providers, Map<String, Exception_> exceptions, String holderAccount) {
    public Terms {
        apiExemptCustomers = Set.copyOf(apiExemptCustomers);
        providers = Map.copyOf(providers);
        exceptions = Map.copyOf(exceptions);
    }
}
