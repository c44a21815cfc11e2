package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** Storage settings of SPEC §7: {@code capacity.table} (env {@code CAPACITY_TABLE}) and {@code capacity.table.create}. */
@ConfigMapping(prefix = "capacity")
public interface CapacityConfig {

    Table table();

    interface Table {

        /** The DynamoDB table name. */
        @WithParentName
        @WithDefault("capacity-offers")
        String name();

        /** Create the table with its indexes at start-up when it is missing: true in dev and test, false in prod. */
        @WithDefault("false")
        boolean create();
    }
}
