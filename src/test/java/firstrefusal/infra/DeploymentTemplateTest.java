package firstrefusal.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.adapters.in.DecideFunction;
import firstrefusal.adapters.in.NotifyFunction;
import firstrefusal.adapters.in.StatusPageFunction;
import firstrefusal.adapters.out.dynamodb.TableLayout;
import firstrefusal.config.PolicyConfig;
import firstrefusal.config.RecordConfig;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.operations.Metrics;
import firstrefusal.support.Events;
import firstrefusal.wire.EventJson;
import firstrefusal.wire.RecordJson;
import jakarta.inject.Named;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Holds {@code infra/template.yaml} to the code: the handlers, configuration keys, table and IAM it
 * declares must be the ones the code has. A plain test of the file, no AWS account needed.
 */
class DeploymentTemplateTest {

    private static final Path TEMPLATE = Path.of("infra", "template.yaml");
    private static final String STREAM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final String CODE_URI = "../target/function.zip";
    /**
     * Read by CapacityConfig (capacity.table, capacity.table.create, capacity.events.bus), NoticesConfig
     * (notices.reminders) and quarkus-amazon-lambda.
     */
    private static final Set<String> NON_POLICY_KEYS = Set.of("CAPACITY_TABLE", "CAPACITY_TABLE_CREATE",
            "CAPACITY_EVENTS_BUS", "NOTICES_REMINDERS", "QUARKUS_LAMBDA_HANDLER", "STATUS_PAGE_CURSOR_KEY",
            "STATUS_PAGE_OIDC_ALB_ARN", "RECORD_DIGEST_INTERVAL", "RECORD_DIGEST_RETENTION_DAYS", "RECORD_DIGEST_BUCKET",
            "ANSWER_BASE_URL", "ANSWER_LINK_KEYS_SECRET", "ANSWER_SIGNING_KEY_ID");
    private static final Set<String> STREAM_READ = Set.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    private static final List<String> DYNAMODB_WRITES = List.of("put", "update", "delete", "batchwrite", "transactwrite",
            "partiqlinsert", "partiqlupdate", "partiqldelete", "create", "restore", "import");

    private static Map<String, Object> template;

    @BeforeAll
    static void readTemplate() throws IOException {
        assertThat(TEMPLATE).as("the deployment template (tests run from the repository root)").isRegularFile();
        template = new Yaml(new CloudFormationTags()).load(Files.readString(TEMPLATE));
    }

    @Test
    void everyHandlerTheCodeDeclaresIsDeployedAndNoOther() throws Exception {
        Set<String> declared = declaredHandlers();
        assertThat(declared).as("@Named RequestStreamHandlers in firstrefusal.functions").isNotEmpty();
        Set<String> deployed = new TreeSet<>();
        functions().forEach((id, fn) -> {
            Object handler = environment(fn).get("QUARKUS_LAMBDA_HANDLER");
            assertThat(handler).as("%s must set QUARKUS_LAMBDA_HANDLER to one of %s", id, declared)
                    .isIn(declared.toArray());
            deployed.add((String) handler);
        });
        assertThat(deployed).as("every handler in the code needs a function in the template").containsAll(declared);
    }

    @Test
    void everyFunctionRunsTheQuarkusStreamHandlerOnTheCompiledJavaRelease() throws Exception {
        // Throws if quarkus-amazon-lambda no longer has the entry point the template names.
        Class.forName(STREAM_HANDLER.substring(0, STREAM_HANDLER.indexOf(':')))
                .getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
        String runtime = "java" + compiledRelease();
        functions().forEach((id, fn) -> {
            assertThat(fn.get("Handler")).as("Handler of %s: the Quarkus stream handler, or for the native artifact its bootstrap", id)
                    .isEqualTo(Map.of("Fn::If", List.of("IsNative", "bootstrap", STREAM_HANDLER)));
            assertThat(fn.get("Runtime")).as("Runtime of %s must match the release the code is compiled for (native: a custom runtime)", id)
                    .isEqualTo(Map.of("Fn::If", List.of("IsNative", "provided.al2023", runtime)));
            assertThat(fn.get("CodeUri")).as("CodeUri of %s: the one artifact `./mvnw package` writes", id)
                    .isEqualTo(CODE_URI);
        });
    }

    @Test
    void theDashboardShowsEveryMetricTheFunctionsWriteAndOnlyThose() throws Exception {
        List<Object> sub = list(map(properties(onlyOfType("AWS::CloudWatch::Dashboard")).get("DashboardBody")).get("Fn::Sub"));
        // The placeholders !Sub fills in, replaced by plain names so the body parses as the JSON it will be.
        JsonNode body = new ObjectMapper().readTree(((String) sub.get(0)).replaceAll("\\$\\{[A-Za-z:]+}", "x"));
        Set<String> shown = new TreeSet<>();
        body.path("widgets").forEach(w -> w.path("properties").path("metrics").forEach(line -> {
            String text = line.toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("MetricName=\\\\\"(\\w+)").matcher(text);
            while (m.find()) {
                shown.add(m.group(1));
            }
            if (line.get(0).asText().equals("FirstRefusal")) {
                shown.add(line.get(1).asText());
            } else if (line.get(0).asText().equals("...") || line.get(0).asText().equals(".")) {
                if (line.size() > 1 && line.get(1).isTextual() && !line.get(1).asText().equals("...")) {
                    shown.add(line.get(1).asText());
                }
            }
        }));
        Set<String> written = metricNames();
        assertThat(shown).as("FirstRefusal metrics on the dashboard").containsAll(written);
        assertThat(shown.stream().filter(n -> Character.isUpperCase(n.charAt(0)) && !isAwsMetric(n)))
                .as("dashboard metrics no function writes").allMatch(written::contains);
    }

    @Test
    void alarmsWatchTheDeadlineTheUnnoticedOffersAndTheNoticeLagFromTheFunctionsMetrics() {
        Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
        resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, a) -> {
            if ("FirstRefusal".equals(map(a.get("Properties")).get("Namespace"))) {
                ours.put((String) map(a.get("Properties")).get("MetricName"), map(a.get("Properties")));
            }
        });
        assertThat(ours).containsOnlyKeys(Metrics.OFFERS_DUE_WITHIN_24H, Metrics.OFFERS_PAST_DEADLINE_WITHOUT_NOTICE, Metrics.NOTICE_LAG,
                Metrics.CLOCK_HEARTBEAT, Metrics.RECORD_VERIFICATIONS_FAILED);
        assertThat(ours.get(Metrics.RECORD_VERIFICATIONS_FAILED)).as("a record that does not verify is tampering: any one")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(ours.get(Metrics.CLOCK_HEARTBEAT)).as("no successful tick, a failed one or none at all, is an outage")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 1)
                .containsEntry("ComparisonOperator", "LessThanThreshold").containsEntry("TreatMissingData", "breaching");
        assertThat(ours.get(Metrics.OFFERS_DUE_WITHIN_24H)).as("a silent clock cannot say no deadline is near")
                .containsEntry("TreatMissingData", "breaching");
        assertThat(ours.get(Metrics.OFFERS_PAST_DEADLINE_WITHOUT_NOTICE)).as("an offer nothing lapses because its notice never left")
                .containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(ours.values()).allSatisfy(a -> assertThat(a.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", "AlarmTopic"))));
        assertThat(ours.get(Metrics.OFFERS_DUE_WITHIN_24H)).containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    @Test
    void everyFunctionLogsJsonToItsOwnLogGroup() {
        functions().forEach((id, fn) -> {
            Map<String, Object> logging = map(fn.get("LoggingConfig"));
            assertThat(logging).as("LoggingConfig of %s", id).containsEntry("LogFormat", "JSON").containsKey("LogGroup");
            assertThat(resources().get(referencedId(logging.get("LogGroup"))).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        });
    }

    @Test
    void theNativeArtifactAndSnapStartAreOptionsOfTheSameStack() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertThat(map(parameters.get("Artifact"))).containsEntry("Default", "native").containsEntry("AllowedValues", List.of("native", "jvm"));
        assertThat(map(parameters.get("SnapStart"))).containsEntry("Default", "off");
        Map<String, Object> conditions = map(template.get("Conditions"));
        assertThat(conditions.get("IsNative")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Artifact"), "native")));
        assertThat(conditions.get("UseSnapStart")).as("SnapStart for the JVM artifact only").isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "SnapStart"), "on")), Map.of("Fn::Not", List.of(Map.of("Condition", "IsNative"))))));
        functions().forEach((id, fn) -> {
            assertThat(fn.get("AutoPublishAlias")).as("%s publishes versions behind an alias", id).isEqualTo("live");
            assertThat(fn.get("SnapStart")).as("%s SnapStart", id).isEqualTo(Map.of("Fn::If", List.of("UseSnapStart",
                    Map.of("ApplyOn", "PublishedVersions"), Map.of("Ref", "AWS::NoValue"))));
        });
        // What invokes the page from outside the event sources must go through the alias, or SnapStart serves nobody.
        resourcesOfType("AWS::ElasticLoadBalancingV2::TargetGroup").values().forEach(tg -> assertThat(
                map(list(map(tg.get("Properties")).get("Targets")).getFirst()).get("Id"))
                .isEqualTo(Map.of("Ref", idOf(StatusPageFunction.class) + ".Alias")));
        // ... the live alias, or the answer page's alias of the same published version.
        resourcesOfType("AWS::Lambda::Permission").values().forEach(p -> assertThat(map(p.get("Properties")).get("FunctionName"))
                .isIn(Map.of("Ref", idOf(StatusPageFunction.class) + ".Alias"), Map.of("Ref", "StatusPageAnswerAlias")));
        assertThat(map(resources().get("StatusPageAnswerAlias").get("Properties")).get("FunctionVersion"))
                .isEqualTo(Map.of("Fn::GetAtt", idOf(StatusPageFunction.class) + ".Version.Version"));
    }

    @Test
    void environmentSetsOnlyKeysTheCodeReads() {
        Set<String> allowed = new TreeSet<>(NON_POLICY_KEYS);
        allowed.addAll(policyEnvironmentNames("POLICY", PolicyConfig.class));
        assertThat(allowed).as("POLICY_* names derived from PolicyConfig").contains("POLICY_FIRST_REFUSAL_WINDOW");
        functions().forEach((id, fn) -> {
            Map<String, Object> env = environment(fn);
            assertThat(env.keySet())
                    .as("environment of %s: rename or drop keys no code reads; allowed are %s", id, allowed)
                    .isSubsetOf(allowed);
            assertThat(String.valueOf(env.get("CAPACITY_TABLE_CREATE")))
                    .as("CAPACITY_TABLE_CREATE of %s: the template owns the table, so \"false\"", id).isEqualTo("false");
            assertThat(env.get("CAPACITY_TABLE")).as("CAPACITY_TABLE of %s must Ref the table", id)
                    .isEqualTo(Map.of("Ref", tableId()));
        });
    }

    @Test
    void tableHasTheKeysAndIndexesOfTableLayoutDefinition() {
        CreateTableRequest code = TableLayout.definition("x");
        Map<String, Object> table = properties(tableId());
        assertThat(table.get("BillingMode")).as("BillingMode").isEqualTo(code.billingModeAsString());
        assertThat(attributeTypes(list(table.get("AttributeDefinitions"))))
                .as("AttributeDefinitions (names and types) must equal TableLayout.definition")
                .isEqualTo(code.attributeDefinitions().stream().collect(Collectors.toMap(
                        a -> a.attributeName(), a -> a.attributeTypeAsString(), (a, b) -> a, TreeMap::new)));
        assertThat(keySchema(table.get("KeySchema"))).as("table KeySchema").isEqualTo(keySchema(code.keySchema()));
        Map<String, List<String>> expected = new TreeMap<>();
        code.globalSecondaryIndexes().forEach(i -> expected.put(i.indexName(), append(append(keySchema(i.keySchema()),
                i.projection().projectionTypeAsString()), String.valueOf(i.projection().nonKeyAttributes()))));
        Map<String, List<String>> actual = new TreeMap<>();
        list(table.get("GlobalSecondaryIndexes")).forEach(i -> {
            Map<String, Object> index = map(i);
            Map<String, Object> projection = map(index.get("Projection"));
            actual.put((String) index.get("IndexName"), append(append(keySchema(index.get("KeySchema")),
                    (String) projection.get("ProjectionType")), String.valueOf(projection.getOrDefault("NonKeyAttributes", List.of()))));
        });
        assertThat(actual).as("GlobalSecondaryIndexes: name -> [key schema..., projection, non-key attributes] as in TableLayout.definition")
                .isEqualTo(expected);
    }

    @Test
    void tableSurvivesMistakes() {
        Map<String, Object> resource = resources().get(tableId());
        Map<String, Object> table = properties(tableId());
        assertThat(table.get("DeletionProtectionEnabled")).as("DeletionProtectionEnabled").isEqualTo(true);
        assertThat(map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
                .as("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled").isEqualTo(true);
        assertThat(resource).as("the table keeps its data when the stack goes: Retain both ways")
                .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void everyQueueAndLogGroupOutlivesTheStackAndSaysHowLongItKeepsWhatItHolds() {
        List<String> holders = new ArrayList<>();
        resources().forEach((id, resource) -> {
            Object type = resource.get("Type");
            if (!"AWS::SQS::Queue".equals(type) && !"AWS::Logs::LogGroup".equals(type)) {
                return;
            }
            holders.add(id);
            assertThat(resource).as("%s holds messages or the record: Retain on deletion and on replacement", id)
                    .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            String retention = "AWS::SQS::Queue".equals(type) ? "MessageRetentionPeriod" : "RetentionInDays";
            assertThat(properties(id)).as("%s: an explicit %s, not the service's default", id, retention)
                    .containsKey(retention);
        });
        assertThat(holders).as("the decide queue, its dead-letter queue, three log groups").hasSize(5);
        assertThat(((Number) properties("DecideQueue").get("MessageRetentionPeriod")).intValue())
                .as("undecided messages are kept as long as SQS allows, 14 days").isEqualTo(1_209_600);
    }

    @Test
    void signInRefusesToDeployWithoutItsNetworkCertificateAndSecret() {
        Map<String, Object> rule = map(map(template.get("Rules")).get("OidcSignInNeedsItsNetwork"));
        assertThat(rule.get("RuleCondition")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "SignIn"), "oidc")));
        String asserted = list(rule.get("Assertions")).toString();
        for (String parameter : List.of("VpcId", "Subnets", "CertificateArn", "OidcClientSecretName")) {
            assertThat(asserted).as("SignIn=oidc asserts %s is given", parameter).contains("Ref=" + parameter);
        }
    }

    @Test
    void sqsEventSourcesReportBatchItemFailures() {
        String decide = DecideFunction.class.getAnnotation(Named.class).value();
        List<String> sqsConsumers = new ArrayList<>();
        functions().forEach((id, fn) -> events(fn).forEach((name, event) -> {
            if (!"SQS".equals(event.get("Type"))) {
                return;
            }
            sqsConsumers.add((String) environment(fn).get("QUARKUS_LAMBDA_HANDLER"));
            Map<String, Object> props = map(event.get("Properties"));
            assertThat(list(props.get("FunctionResponseTypes")))
                    .as("%s.%s: decide answers with batchItemFailures, so FunctionResponseTypes needs "
                            + "ReportBatchItemFailures, or one failure redelivers the whole batch", id, name)
                    .contains("ReportBatchItemFailures");
            assertThat(((Number) props.getOrDefault("BatchSize", 10)).intValue()).as("%s.%s BatchSize", id, name)
                    .isBetween(1, 10);
            Map<String, Object> queue = properties(referencedId(props.get("Queue")));
            // Unset, SQS waits 30 s and Lambda times out after 3 s.
            assertThat(((Number) queue.getOrDefault("VisibilityTimeout", 30)).intValue())
                    .as("VisibilityTimeout of the queue feeding %s: at least 6x the function timeout", id)
                    .isGreaterThanOrEqualTo(6 * ((Number) fn.getOrDefault("Timeout", 3)).intValue());
        }));
        assertThat(sqsConsumers).as("SQS event sources must feed the %s function, and only it", decide)
                .isNotEmpty().containsOnly(decide);
    }

    @Test
    void eventBridgeRoutesTheDetailTypesDecideUnderstands() throws Exception {
        Field kinds = Class.forName("firstrefusal.adapters.in.eventbridge.EventBridgeEvent").getDeclaredField("KIND_BY_DETAIL_TYPE");
        kinds.setAccessible(true);
        Set<Object> routed = new TreeSet<>();
        inboundRules().values().forEach(rule -> routed.addAll(list(map(map(rule.get("Properties")).get("EventPattern")).get("detail-type"))));
        assertThat(routed).as("detail-types the rules route to decide's queue, against EventBridgeEvent.KIND_BY_DETAIL_TYPE")
                .isEqualTo(new TreeSet<>(((Map<?, ?>) kinds.get(null)).keySet()));
    }

    @Test
    void theTableStreamCarriesNewImagesAsTableSetupCreatesIt() {
        assertThat(map(properties(tableId()).get("StreamSpecification")).get("StreamViewType"))
                .as("StreamSpecification.StreamViewType: notify reads new images (TableLayout.definition)")
                .isEqualTo(TableLayout.definition("x").streamSpecification().streamViewTypeAsString());
    }

    @Test
    void notifyReadsTheStreamReportingItsFirstFailureRetryingUntilItSucceedsWithItsIteratorAgeWatched() {
        Map<String, Object> notify = functionFor(NotifyFunction.class);
        List<Map<String, Object>> streams = events(notify).values().stream().filter(e -> "DynamoDB".equals(e.get("Type")))
                .map(e -> map(e.get("Properties"))).toList();
        assertThat(streams).as("notify's DynamoDB event source").hasSize(1);
        Map<String, Object> source = streams.getFirst();
        assertThat(source.get("Stream")).as("the table's own stream").isEqualTo(Map.of("Fn::GetAtt", tableId() + ".StreamArn"));
        assertThat(list(source.get("FunctionResponseTypes"))).as("notify answers with batchItemFailures")
                .contains("ReportBatchItemFailures");
        assertThat(((Number) source.get("MaximumRetryAttempts")).intValue())
                .as("MaximumRetryAttempts: -1, nothing durable goes unpublished").isEqualTo(-1);
        assertThat(((Number) source.get("MaximumRecordAgeInSeconds")).intValue())
                .as("MaximumRecordAgeInSeconds: -1, a record is never given up for its age").isEqualTo(-1);
        assertThat(source).as("nothing is given up, so nothing goes to an on-failure destination").doesNotContainKey("DestinationConfig");
        assertThat(resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(a -> map(a.get("Properties")))
                .filter(a -> "IteratorAge".equals(a.get("MetricName")))
                .filter(a -> list(a.get("Dimensions")).contains(Map.of("Name", "FunctionName", "Value",
                        Map.of("Ref", idOf(NotifyFunction.class))))))
                .as("an alarm on notify's iterator age: notices running late").hasSize(1);
    }

    @Test
    void notifyReadsTheStreamPutsOnlyOnTheOneBusAndWritesOnlyItsNoticesThroughTransactions() {
        List<Map<String, Object>> statements = allowStatements(functionFor(NotifyFunction.class));
        Set<String> actions = new TreeSet<>();
        statements.forEach(st -> actions.addAll(actionsOf(st)));
        assertThat(actions).as("notify's grants: the stream, one offer's record, its notice, the bus, the answer links' keys")
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(java.util.stream.Stream.concat(STREAM_READ.stream(),
                        java.util.stream.Stream.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "events:PutEvents",
                                "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue")).toList()))
                .doesNotContain("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:DeleteItem");
        statements.stream().filter(st -> actionsOf(st).contains("events:PutEvents")).forEach(st ->
                assertThat(st.get("Resource")).as("PutEvents on the capacity bus only").isEqualTo(Map.of("Fn::GetAtt", busId() + ".Arn")));
        statements.stream().filter(st -> actionsOf(st).stream().anyMatch(STREAM_READ::contains)).forEach(st ->
                assertThat(st.get("Resource")).as("stream reads on the table's streams only")
                        .isEqualTo(Map.of("Fn::Sub", "${" + tableId() + ".Arn}/stream/*")));
        statements.stream().filter(st -> actionsOf(st).contains("dynamodb:PutItem")).forEach(st -> {
            assertThat(st.get("Resource")).as("notices and the ledger on the table only").isEqualTo(Map.of("Fn::GetAtt", tableId() + ".Arn"));
            assertThat(String.valueOf(st.get("Condition"))).as("and only inside TransactWriteItems").contains("TransactWriteItems");
        });
        assertThat(environment(functionFor(NotifyFunction.class)).get("CAPACITY_EVENTS_BUS")).as("notify publishes to the bus")
                .isEqualTo(Map.of("Ref", busId()));
    }

    @Test
    void outboundRulesRouteOnlyTheEventsNotifyPublishes() {
        Map<String, Map<String, Object>> outbound = outboundRules();
        assertThat(outbound).as("rules on source first-refusal").isNotEmpty();
        Set<Object> published = new java.util.HashSet<>(DETAIL_TYPES.keySet());
        published.add(RecordJson.DIGEST_DETAIL_TYPE);
        outbound.forEach((id, rule) -> {
            Map<String, Object> pattern = map(map(rule.get("Properties")).get("EventPattern"));
            assertThat(list(pattern.get("source"))).as("%s source", id).containsExactly(EventJson.SOURCE);
            assertThat(list(pattern.get("detail-type"))).as("%s detail-types", id).isSubsetOf(published.toArray());
        });
        Map<String, Object> toHolder = map(outbound.get("HolderNoticesRule").get("Properties"));
        assertThat(list(map(toHolder.get("EventPattern")).get("detail-type"))).as("the holder hears of everything, the"
                + " record's digests among it").containsExactlyInAnyOrderElementsOf(published);
        assertThat(String.valueOf(map(list(toHolder.get("Targets")).getFirst()).get("Arn")))
                .as("to the holder account's default bus").contains("${HolderAccountId}:event-bus/default");
        assertThat(outbound.get("HolderNoticesRule")).containsEntry("Condition", "HasHolderAccount");
    }

    @Test
    void noticeTransformersReadOnlyFieldsTheEventsCarry() {
        outboundRules().forEach((id, rule) -> {
            Map<String, Object> props = map(rule.get("Properties"));
            List<Object> detailTypes = list(map(props.get("EventPattern")).get("detail-type"));
            for (Object target : list(props.get("Targets"))) {
                Object transformer = map(target).get("InputTransformer");
                if (transformer == null) {
                    continue;
                }
                Map<String, Object> paths = map(map(transformer).get("InputPathsMap"));
                String template = (String) map(transformer).get("InputTemplate");
                paths.keySet().forEach(name -> assertThat(template).as("%s uses <%s>", id, name).contains("<" + name + ">"));
                for (Object detailType : detailTypes) {
                    JsonNode envelope = envelope(DETAIL_TYPES.get(detailType));
                    paths.forEach((name, path) -> assertThat(resolve(envelope, (String) path).isMissingNode())
                            .as("%s: %s = %s in a %s event", id, name, path, detailType).isFalse());
                }
            }
        });
    }

    @Test
    void signInPutsThePageBehindAnOidcLoadBalancerThatForwardsToTheStatusPageFunction() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertThat(map(parameters.get("SignIn"))).as("sign-in is an option, off by default")
                .containsEntry("Default", "none").containsEntry("AllowedValues", List.of("none", "oidc"));
        Map<String, Map<String, Object>> listeners = resourcesOfType("AWS::ElasticLoadBalancingV2::Listener");
        assertThat(listeners).hasSize(1);
        Map<String, Object> listener = listeners.values().iterator().next();
        assertThat(listener).containsEntry("Condition", "UseOidcSignIn");
        Map<String, Object> props = map(listener.get("Properties"));
        assertThat(props).containsEntry("Protocol", "HTTPS").containsEntry("Port", 443);
        List<Object> actions = list(props.get("DefaultActions"));
        Map<String, Object> signIn = map(actions.get(0));
        assertThat(signIn).as("sign in before anything is forwarded").containsEntry("Type", "authenticate-oidc").containsEntry("Order", 1);
        Map<String, Object> oidc = map(signIn.get("AuthenticateOidcConfig"));
        assertThat(oidc).containsEntry("OnUnauthenticatedRequest", "authenticate");
        assertThat(String.valueOf(oidc.get("ClientSecret"))).as("the client secret by dynamic reference, never a parameter")
                .contains("{{resolve:secretsmanager:");
        Map<String, Object> forward = map(actions.get(1));
        assertThat(forward).containsEntry("Type", "forward");
        Map<String, Object> targetGroup = properties(referencedId(forward.get("TargetGroupArn")));
        assertThat(targetGroup).containsEntry("TargetType", "lambda");
        assertThat(map(list(targetGroup.get("Targets")).getFirst()).get("Id"))
                .isEqualTo(Map.of("Ref", idOf(StatusPageFunction.class) + ".Alias"));
        Map<String, Object> page = functionFor(StatusPageFunction.class);
        assertThat(environment(page).get("STATUS_PAGE_OIDC_ALB_ARN")).as("the function checks the token's signer")
                .isEqualTo(Map.of("Fn::If", List.of("UseOidcSignIn", Map.of("Ref", referencedId(props.get("LoadBalancerArn"))),
                        Map.of("Ref", "AWS::NoValue"))));
        assertThat(map(page.get("FunctionUrlConfig"))).as("the IAM-authenticated Function URL stays").containsEntry("AuthType", "AWS_IAM");
    }

    @Test
    void theHolderAccountMayPutOnlyHolderResponsesAndDecideChecksIt() {
        Map<String, Map<String, Object>> policies = resourcesOfType("AWS::Events::EventBusPolicy");
        assertThat(policies).as("one bus policy, for the holder").hasSize(1);
        Map<String, Object> policy = policies.values().iterator().next();
        assertThat(policy).containsEntry("Condition", "HasHolderAccount");
        Map<String, Object> statement = map(map(policy.get("Properties")).get("Statement"));
        assertThat(statement.get("Action")).isEqualTo("events:PutEvents");
        assertThat(String.valueOf(map(statement.get("Principal")).get("AWS"))).contains("${HolderAccountId}");
        assertThat(map(map(statement.get("Condition")).get("StringEquals")))
                .as("only the one detail-type decide checks the account of").containsExactly(Map.entry("events:detail-type", "Holder Response"));
        assertThat(environment(functionFor(DecideFunction.class)).get("POLICY_HOLDER_ACCOUNT"))
                .isEqualTo(Map.of("Fn::If", List.of("HasHolderAccount", Map.of("Ref", "HolderAccountId"), Map.of("Ref", "AWS::NoValue"))));
    }

    @Test
    void statusPageWritesOnlyTheDeploymentItStartsUnderAndTheHoldersAnswers() {
        List<String> actions = allowedActions(functionFor(StatusPageFunction.class));
        assertThat(actions).as("the status page reads with Query, on the table and its indexes").contains("dynamodb:Query");
        List<Map<String, Object>> writes = allowStatements(functionFor(StatusPageFunction.class)).stream()
                .filter(st -> actionsOf(st).stream().anyMatch(DeploymentTemplateTest::grantsWrite)).toList();
        assertThat(writes).as("the deployment it starts under, and the holder's answers on its page").hasSize(2);
        assertThat(writes).allSatisfy(st -> assertThat(String.valueOf(st.get("Condition"))).as("inside TransactWriteItems")
                .contains("TransactWriteItems"));
        assertThat(writes).extracting(st -> String.valueOf(st.get("Condition")))
                .anySatisfy(c -> assertThat(c).contains("dynamodb:LeadingKeys=[DEPLOYMENTS]"))
                .anySatisfy(c -> assertThat(c).contains("StringLike").contains("OFFER#*").contains("RESPONSE#*"));
    }

    @Test
    void theAnswerPageIsPublicOnlyThroughItsOwnAliasAndRuleAndCannotStarveDecide() {
        Map<String, Object> alias = resources().get("StatusPageAnswerAlias");
        assertThat(map(alias.get("Properties"))).containsEntry("Name", "answer");
        assertThat(map(resources().get("StatusPageAnswerUrl").get("Properties"))).containsEntry("AuthType", "NONE")
                .containsEntry("TargetFunctionArn", Map.of("Ref", "StatusPageAnswerAlias"));
        assertThat(map(map(resources().get("StatusPageFunction").get("Properties")).get("FunctionUrlConfig")))
                .as("the page itself stays behind IAM").containsEntry("AuthType", "AWS_IAM");
        assertThat(map(resources().get("StatusPageFunction").get("Properties"))).as("a flood of answer requests stops at the page")
                .containsEntry("ReservedConcurrentExecutions", Map.of("Ref", "PageConcurrency"));
        Map<String, Object> rule = map(resources().get("PageAnswerRule").get("Properties"));
        assertThat(rule).as("ahead of the sign-in").containsEntry("Priority", 1);
        assertThat(String.valueOf(rule.get("Conditions"))).contains("/answer/*");
        assertThat(String.valueOf(rule.get("Actions"))).contains("forward").doesNotContain("authenticate");
        assertThat(environment(functionFor(NotifyFunction.class))).containsKeys("ANSWER_BASE_URL", "ANSWER_LINK_KEYS_SECRET");
        assertThat(allowedActions(functionFor(NotifyFunction.class))).contains("secretsmanager:GetSecretValue");
    }

    @Test
    void decideIsGrantedWhatTheStoreUses() {
        assertThat(allowedActions(functionFor(DecideFunction.class)))
                .as("DynamoOfferStore queries the table and its indexes and writes by TransactWriteItems of Puts and"
                        + " the reminder's Update")
                .contains("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
    }

    @Test
    void nativeShipsByDefaultAndADeployOfTheOtherKindOfZipFailsSayingWhy() throws Exception {
        Map<String, Object> artifact = map(map(template.get("Parameters")).get("Artifact"));
        assertThat(artifact.get("Default")).as("what ships").isEqualTo("native");
        Map<String, Object> check = properties("ArtifactCheck");
        assertThat(check.get("Artifact")).isEqualTo(Map.of("Ref", "Artifact"));
        assertThat(list(check.get("Versions"))).as("every function's new version is checked")
                .containsExactlyInAnyOrder(Map.of("Ref", "DecideFunction.Version"), Map.of("Ref", "NotifyFunction.Version"),
                        Map.of("Ref", "StatusPageFunction.Version"));

        // The checker's own rule, run as Lambda runs it (Python), against the entries of each kind of zip.
        Path dir = Files.createTempDirectory("artifact-check");
        Files.writeString(dir.resolve("index.py"), (String) map(properties("ArtifactCheckFunction").get("Code")).get("ZipFile"));
        Files.writeString(dir.resolve("cfnresponse.py"), "SUCCESS, FAILED = 'SUCCESS', 'FAILED'\n");
        Files.createDirectories(dir.resolve("boto3"));
        Files.writeString(dir.resolve("boto3/__init__.py"), "");
        String verdicts = python(dir, "import index\n"
                + "jvm = {'lib/io.quarkus.quarkus-core-3.jar', 'io/quarkus/runner/ApplicationImpl.class'}\n"
                + "native = {'bootstrap'}\n"
                + "for artifact, names in [('native', native), ('jvm', jvm), ('native', jvm), ('jvm', native)]:\n"
                + "    print(artifact, index.mismatch(artifact, names))\n");
        assertThat(verdicts.lines()).containsExactly("native None", "jvm None",
                "native Artifact=native but target/function.zip has no bootstrap: it is the JVM build. Build the native one"
                        + " (./mvnw package -Dnative -Dquarkus.native.container-build=true) or deploy with Artifact=jvm.",
                "jvm Artifact=jvm but target/function.zip holds a native bootstrap: build the JVM one (./mvnw package) or deploy"
                        + " with Artifact=native.");
    }

    private static String python(Path dir, String script) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as("python3: %s", out).isZero();
        return out;
    }

    // --- what the code declares ---

    /**
     * Every handler the code declares: the classes of the handlers' package, found from its sources (the tests run from
     * the project's root; reading the compiled classes' folder would need a code source, which Quarkus' own test class
     * loader in continuous testing does not give), then loaded and checked as classes.
     */
    private static Set<String> declaredHandlers() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        String pkg = DecideFunction.class.getPackageName();
        Path folder = Path.of("src/main/java", pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName(pkg + "." + name, false, DecideFunction.class.getClassLoader());
                if (RequestStreamHandler.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    Named named = type.getAnnotation(Named.class);
                    assertThat(named).as("%s needs @Named for QUARKUS_LAMBDA_HANDLER to pick it", type.getName())
                            .isNotNull();
                    names.add(named.value());
                }
            }
        }
        return names;
    }

    /** The Java release the classes were compiled for, from the class-file major version. */
    private static int compiledRelease() throws IOException {
        try (DataInputStream in = new DataInputStream(DecideFunction.class.getResourceAsStream("DecideFunction.class"))) {
            in.readInt();
            in.readUnsignedShort();
            return in.readUnsignedShort() - 44;
        }
    }

    /** Env names as SmallRye maps them: policy.first-refusal-window -> POLICY_FIRST_REFUSAL_WINDOW. */
    private static Set<String> policyEnvironmentNames(String prefix, Class<?> group) {
        Set<String> names = new TreeSet<>();
        for (Method method : group.getDeclaredMethods()) {
            String name = prefix + "_"
                    + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == PolicyConfig.class) {
                names.addAll(policyEnvironmentNames(name, type));
            } else if (!Map.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type)) {
                names.add(name);
            }
        }
        return names;
    }

    // --- what the template declares ---

    private static Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, r) -> resources.put(id, map(r)));
        return resources;
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                found.put(id, r);
            }
        });
        return found;
    }

    private static Map<String, Object> properties(String id) {
        assertThat(resources()).as("resource %s", id).containsKey(id);
        return map(resources().get(id).get("Properties"));
    }

    private static String tableId() {
        Set<String> tables = resourcesOfType("AWS::DynamoDB::Table").keySet();
        assertThat(tables).as("the template declares exactly one DynamoDB table").hasSize(1);
        return tables.iterator().next();
    }

    /** Each function's properties with the Globals SAM merges in (environment variables merged by key). */
    private static Map<String, Map<String, Object>> functions() {
        Map<String, Object> globals =
                map(map(template.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, r) -> {
            Map<String, Object> own = map(r.get("Properties"));
            Map<String, Object> merged = new LinkedHashMap<>(globals);
            merged.putAll(own);
            Map<String, Object> env = new LinkedHashMap<>(environment(globals));
            env.putAll(environment(own));
            merged.put("Environment", Map.of("Variables", env));
            functions.put(id, merged);
        });
        assertThat(functions).as("AWS::Serverless::Function resources").isNotEmpty();
        return functions;
    }

    private static Map<String, Object> environment(Map<String, Object> function) {
        return map(map(function.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    private static Map<String, Map<String, Object>> events(Map<String, Object> function) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        map(function.getOrDefault("Events", Map.of())).forEach((name, e) -> events.put(name, map(e)));
        return events;
    }

    /** Rules that feed decide's queue: what comes in. */
    private static Map<String, Map<String, Object>> inboundRules() {
        String queue = referencedId(map(events(functionFor(DecideFunction.class)).values().stream()
                .filter(e -> "SQS".equals(e.get("Type"))).findFirst().orElseThrow().get("Properties")).get("Queue"));
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            if (list(map(rule.get("Properties")).getOrDefault("Targets", List.of())).stream()
                    .anyMatch(t -> map(t).get("Arn").equals(Map.of("Fn::GetAtt", queue + ".Arn")))) {
                found.put(id, rule);
            }
        });
        return found;
    }

    /** Rules on the events notify publishes: what goes out. */
    private static Map<String, Map<String, Object>> outboundRules() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            Object pattern = map(rule.get("Properties")).get("EventPattern");
            if (pattern != null && map(pattern).containsKey("source")
                    && list(map(pattern).get("source")).contains(EventJson.SOURCE)) {
                found.put(id, rule);
            }
        });
        return found;
    }

    private static String onlyOfType(String type) {
        Set<String> ids = resourcesOfType(type).keySet();
        assertThat(ids).as("resources of type %s", type).hasSize(1);
        return ids.iterator().next();
    }

    /** The metric names firstrefusal.operations.Metrics writes (its public String constants but the namespace). */
    private static Set<String> metricNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field f : Metrics.class.getFields()) {
            if (f.getType() == String.class && !f.getName().equals("NAMESPACE")) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    private static boolean isAwsMetric(String name) {
        return Set.of("Errors", "Throttles", "Duration", "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                "IteratorAge", "FunctionName", "QueueName").contains(name);
    }

    private static String busId() {
        Set<String> buses = resourcesOfType("AWS::Events::EventBus").keySet();
        assertThat(buses).as("the template declares exactly one event bus").hasSize(1);
        return buses.iterator().next();
    }

    private static String idOf(Class<?> handler) {
        String name = handler.getAnnotation(Named.class).value();
        return resourcesOfType("AWS::Serverless::Function").entrySet().stream()
                .filter(e -> name.equals(environment(functions().get(e.getKey())).get("QUARKUS_LAMBDA_HANDLER")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    // --- what the events carry ---

    /** One event of each detail-type, as notify writes it. */
    private static final Map<Object, OfferEvent> DETAIL_TYPES = sampleEvents();

    private static Map<Object, OfferEvent> sampleEvents() {
        CapacityOffer offer = Offers.offer("oracle-abilene-1").build();
        Decision pending = new Decision(offer.offerId(), 1, "oracle", Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED,
                "first refusal", Offers.DEADLINE, false, offer.receivedAt(), "2025-01-21", false, false);
        Decision matched = new Decision(offer.offerId(), 1, "oracle", Status.MATCHED_BY_HOLDER, Rule.HOLDER_MATCHED,
                "matched", Offers.DEADLINE, false, Offers.DEADLINE.minusSeconds(3600), "2025-01-21", false, false);
        Map<Object, OfferEvent> events = new TreeMap<>();
        for (OfferEvent e : List.of(new OfferEvent.FirstRefusalRequested(1, pending, offer, null, null),
                new OfferEvent.FirstRefusalReminder(1, pending, offer, "r1#reminder#PT24H", "PT24H", java.time.Duration.ofHours(20), null),
                new OfferEvent.OfferDecided(2, matched, offer))) {
            events.put(EventJson.detailType(e), e);
        }
        return events;
    }

    private static JsonNode envelope(OfferEvent event) {
        ObjectNode envelope = new ObjectMapper().createObjectNode();
        envelope.put("detail-type", EventJson.detailType(event)).put("source", EventJson.SOURCE);
        // As notify writes it with answer links on: a notice and a reminder carry the holder's link.
        boolean asks = event instanceof OfferEvent.FirstRefusalRequested || event instanceof OfferEvent.FirstRefusalReminder;
        envelope.set("detail", EventJson.detail(event, firstrefusal.domain.policy.Agreement.of(TestPolicies.defaultContract()),
                asks ? java.util.Optional.of("https://answer.example/answer/token") : java.util.Optional.empty()));
        return envelope;
    }

    /** A simple input path ({@code $.detail.offer.gpus}) of an EventBridge input transformer. */
    private static JsonNode resolve(JsonNode envelope, String path) {
        assertThat(path).as("input paths start at the event: $.").startsWith("$.");
        JsonNode node = envelope;
        for (String step : path.substring(2).split("\\.")) {
            node = node.path(step);
        }
        return node;
    }

    private static Map<String, Object> functionFor(Class<?> handler) {
        String name = handler.getAnnotation(Named.class).value();
        return functions().values().stream()
                .filter(fn -> name.equals(environment(fn).get("QUARKUS_LAMBDA_HANDLER")))
                .findFirst().orElseThrow(() -> new AssertionError("no function in the template deploys handler " + name));
    }

    /**
     * Every action an Allow statement grants the function: its own SAM Policies, and the policies of its
     * role and of AWS::IAM::Policy resources attached to that role. Anything this cannot read fails.
     */
    private static List<String> allowedActions(Map<String, Object> function) {
        List<String> actions = new ArrayList<>();
        allowStatements(function).forEach(statement -> actions.addAll(actionsOf(statement)));
        return actions;
    }

    private static List<String> actionsOf(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    /** The Allow statements of a function's policies (see allowedActions). */
    private static List<Map<String, Object>> allowStatements(Map<String, Object> function) {
        List<Object> documents = new ArrayList<>();
        for (Object policy : list(function.getOrDefault("Policies", List.of()))) {
            documents.add(readablePolicy(policy));
        }
        Object role = function.get("Role");
        if (role != null) {
            String roleId = referencedId(role);
            Map<String, Object> roleProps = properties(roleId);
            list(roleProps.getOrDefault("ManagedPolicyArns", List.of()))
                    .forEach(DeploymentTemplateTest::readablePolicy);
            list(roleProps.getOrDefault("Policies", List.of())).forEach(p -> documents.add(map(p).get("PolicyDocument")));
            Stream.concat(resourcesOfType("AWS::IAM::Policy").values().stream(),
                            resourcesOfType("AWS::IAM::ManagedPolicy").values().stream())
                    .map(r -> map(r.get("Properties")))
                    .filter(p -> list(p.getOrDefault("Roles", List.of())).contains(Map.of("Ref", roleId)))
                    .forEach(p -> documents.add(p.get("PolicyDocument")));
        }
        List<Map<String, Object>> allows = new ArrayList<>();
        for (Object document : documents) {
            Object statements = map(document).get("Statement");
            for (Object s : statements instanceof List<?> l ? l : List.of(statements)) {
                Map<String, Object> statement = map(s);
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                assertThat(statement).as("an Allow with NotAction grants almost everything: list the actions")
                        .doesNotContainKey("NotAction");
                allows.add(statement);
            }
        }
        return allows;
    }

    /** Policies are checked statement by statement; a managed policy or SAM policy template cannot be. */
    private static Object readablePolicy(Object policy) {
        if (policy instanceof String arn && arn.endsWith("AWSLambdaBasicExecutionRole")) {
            return Map.of("Statement", List.of());
        }
        if (policy instanceof Map<?, ?> document && document.containsKey("Statement")) {
            return document;
        }
        return fail("Write %s as IAM statements in the template, so this test can check what it grants", policy);
    }

    private static boolean grantsWrite(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        if (a.equals("*")) {
            return true;
        }
        if (!a.startsWith("dynamodb:")) {
            return false;
        }
        String operation = a.substring("dynamodb:".length());
        return operation.contains("*") || DYNAMODB_WRITES.stream().anyMatch(operation::startsWith);
    }

    /** The logical id in {@code !Ref X}, {@code !GetAtt X.Arn} or {@code Fn::GetAtt: [X, Arn]}. */
    private static String referencedId(Object reference) {
        if (!(reference instanceof Map<?, ?>)) {
            return fail("expected a Ref or GetAtt to a resource in the template, was %s", reference);
        }
        Map<String, Object> ref = map(reference);
        if (ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        Object getAtt = ref.get("Fn::GetAtt");
        if (getAtt instanceof String s) {
            return s.substring(0, s.indexOf('.'));
        }
        if (getAtt instanceof List<?> l) {
            return (String) l.get(0);
        }
        return fail("expected a Ref or GetAtt to a resource in the template, was %s", reference);
    }

    private static Map<String, String> attributeTypes(List<Object> definitions) {
        Map<String, String> types = new TreeMap<>();
        definitions.forEach(d -> types.put((String) map(d).get("AttributeName"), (String) map(d).get("AttributeType")));
        return types;
    }

    private static List<String> keySchema(Object schema) {
        return list(schema).stream().map(e -> e instanceof KeySchemaElement k
                ? k.attributeName() + " " + k.keyTypeAsString()
                : map(e).get("AttributeName") + " " + map(e).get("KeyType")).toList();
    }

    private static List<String> append(List<String> values, String value) {
        List<String> all = new ArrayList<>(values);
        all.add(value);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).as("expected a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).as("expected a YAML list").isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /**
     * Reads CloudFormation's short-form tags as their long form, {@code !Ref X} as {@code {Ref: X}} and
     * {@code !GetAtt X.Arn} as {@code {Fn::GetAtt: X.Arn}}, so the template parses as plain data.
     */
    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalArgumentException("unexpected YAML node " + node);
                    };
                    return Map.of(function, value);
                }
            });
        }
    }
}
