package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Rule.AGI_DECLARED;
import static firstrefusal.domain.offer.Rule.API_CUSTOMER_EXEMPT;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.HOLDER_DECLINED;
import static firstrefusal.domain.offer.Rule.HOLDER_MATCHED;
import static firstrefusal.domain.offer.Rule.MATERIAL_CHANGE;
import static firstrefusal.domain.offer.Rule.NON_MATERIAL_REVISION;
import static firstrefusal.domain.offer.Rule.NOTICE_LATE;
import static firstrefusal.domain.offer.Rule.NO_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Rule.OFFER_EXPIRED;
import static firstrefusal.domain.offer.Rule.RELEASED_BY_AMENDMENT;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.Rule.Trait;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the code asks of a rule, rule by rule: the traits are the only way code outside the rule tables tells rules
 * apart, so each is pinned here to the rules the contract gives it.
 */
class RuleTraitsTest {

    static List<Arguments> traits() {
        return List.of(
                Arguments.of(Trait.OPENS_WINDOW, List.of(FIRST_REFUSAL_REQUIRED, MATERIAL_CHANGE)),
                Arguments.of(Trait.HOLDER_ANSWER, List.of(HOLDER_MATCHED, HOLDER_DECLINED)),
                Arguments.of(Trait.HOLDER_LET_GO, List.of(HOLDER_DECLINED, FIRST_REFUSAL_LAPSED)),
                Arguments.of(Trait.LAPSE, List.of(FIRST_REFUSAL_LAPSED)),
                Arguments.of(Trait.EXPIRY, List.of(OFFER_EXPIRED)),
                Arguments.of(Trait.RELEASE, List.of(AGI_DECLARED, RELEASED_BY_AMENDMENT)),
                Arguments.of(Trait.ENDS_FIRST_REFUSAL, List.of(AGI_DECLARED, NO_FIRST_REFUSAL)),
                Arguments.of(Trait.CARRIES_FORWARD, List.of(NOTICE_LATE, NON_MATERIAL_REVISION)),
                Arguments.of(Trait.AMENDMENT, List.of(API_CUSTOMER_EXEMPT, NO_FIRST_REFUSAL, RELEASED_BY_AMENDMENT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traits")
    void eachTraitBelongsToTheRulesTheContractGivesIt(Trait trait, List<Rule> rules) {
        assertThat(Arrays.stream(Rule.values()).filter(rule -> rule.is(trait)).toList()).containsExactlyElementsOf(rules);
    }

    @Test
    void theRulesThatEndFirstRefusalAreRowsOfTheNewOfferTable() {
        assertThat(NewOfferRules.all()).extracting(NewOfferRules.NewOfferRule::rule).contains(AGI_DECLARED, NO_FIRST_REFUSAL);
    }
}
