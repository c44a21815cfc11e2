package firstrefusal.config;

/**
 * Which of the three functions this process is ({@code decide}, {@code notify} or {@code status-page}): the
 * {@code quarkus.lambda.handler} setting (env {@code QUARKUS_LAMBDA_HANDLER}) that picks the handler in the one
 * artifact, as the Lambda extension reads it.
 */
public record FunctionName(String value) {
}
