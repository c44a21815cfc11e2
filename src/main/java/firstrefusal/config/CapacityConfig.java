package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.util.Optional;

/**
 * Storage and event-bus settings (src/docs/contract.md, "Configuration"): {@code capacity.table} (env
 * {@code CAPACITY_TABLE}), {@code capacity.table.create}, {@code capacity.events.bus} and
 * {@code capacity.events.endpoint-override}.
 */
@ConfigMapping(prefix = "capacity")
public interface CapacityConfig {

    Table table();

    Events events();

    interface Table {

        /** The DynamoDB table name. */
        @WithParentName
        @WithDefault("capacity-offers")
        String name();

        /** Create the table with its indexes and stream at start-up when it is missing: true in dev and test, false in prod. */
        @WithDefault("false")
        boolean create();

        /**
         * The longest one DynamoDB call may take, its SDK retries included ({@code capacity.table.call-timeout}, which
         * {@code quarkus.dynamodb.api-call-timeout} is set from). On the SQS path {@code decide} starts an attempt at a
         * message only with time left for its two calls and a half more.
         */
        @WithDefault("10S")
        java.time.Duration callTimeout();
    }

    /** Where {@code notify} publishes; region and credentials come from the standard AWS environment. */
    interface Events {

        /** The EventBridge bus name or ARN. */
        @WithDefault("default")
        String bus();

        /** A local EventBridge stand-in (dev and tests); unset on AWS. */
        Optional<URI> endpointOverride();

        /**
         * Stream records {@code notify} passes over without publishing, by sequence number ({@code
         * capacity.events.skip-records}, env {@code CAPACITY_EVENTS_SKIP_RECORDS}): the runbook's way past a record that
         * can never be read, since the stream is otherwise retried until it succeeds. Each one skipped is logged at ERROR.
         */
        Optional<java.util.Set<String>> skipRecords();
    }
}
