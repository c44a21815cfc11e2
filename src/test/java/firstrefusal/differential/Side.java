package firstrefusal.differential;

import firstrefusal.reference.Entry;
import firstrefusal.reference.Input;
import firstrefusal.reference.ReferenceModel;
import firstrefusal.reference.Result;
import java.time.Instant;
import java.util.List;

/** One side of the comparison: takes inputs at processing instants, answers, and shows an offer's history. */
interface Side {

    Result process(Input input, Instant recordedAt);

    List<Entry> history(String offerId);

    /** Frees what the side holds (a table); nothing by default. */
    default void close() {
    }

    /** The reference model ({@code firstrefusal.reference}), under the scenario's deployments. */
    static Side model(Scenario scenario) {
        ReferenceModel model = new ReferenceModel(scenario.toModel());
        return new Side() {
            @Override
            public Result process(Input input, Instant recordedAt) {
                return model.process(input, recordedAt);
            }

            @Override
            public List<Entry> history(String offerId) {
                return model.history(offerId);
            }
        };
    }
}
