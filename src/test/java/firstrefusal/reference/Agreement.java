package firstrefusal.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The base version first, then amendments by strictly increasing effective instant (SPEC §12). */
public record Agreement(List<Version> versions) {
    public Agreement {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) throw new IllegalArgumentException("an agreement has at least its base version");
    }

    /** §12 "Which version decides": the latest version whose effective instant is at or before {@code t}. */
    public Version at(Instant t) {
        Version inForce = versions.getFirst();
        for (Version v : versions) {
            if (v.effectiveFrom() == null || !v.effectiveFrom().isAfter(t)) inForce = v;
        }
        return inForce;
    }

    public Version latest() {
        return versions.getLast();
    }

    /** AGI is one fact about the agreement, not a term of a period: the deployed terms' latest word on it. */
    public Instant agi() {
        return latest().terms().agiDeclaredAt();
    }

    /** An end the agreement puts to pending windows (§11 "Ends that come from the agreement"). */
    record Release(String rule, Instant at, String version) {
        /** Two agreements make the same release when it is of the same kind at the same instant. */
        boolean sameAs(Release other) {
            return rule.equals(other.rule) && at.equals(other.at);
        }
    }

    /**
     * AGI declared, and every amendment that releases pending offers. An AGI release names the version that set the
     * declaration (the earliest version from which it stands unchanged), since that is the version that made it.
     */
    List<Release> releases() {
        List<Release> out = new ArrayList<>();
        Instant agi = agi();
        if (agi != null) {
            int setter = versions.size() - 1;
            while (setter > 0 && agi.equals(versions.get(setter - 1).terms().agiDeclaredAt())) setter--;
            out.add(new Release("AGI_DECLARED", agi, versions.get(setter).terms().version()));
        }
        for (Version v : versions) {
            if (v.effectiveFrom() != null && v.releasesPending()) {
                out.add(new Release("RELEASED_BY_AMENDMENT", v.effectiveFrom(), v.terms().version()));
            }
        }
        return out;
    }

    boolean has(Release release) {
        return releases().stream().anyMatch(release::sameAs);
    }
}
