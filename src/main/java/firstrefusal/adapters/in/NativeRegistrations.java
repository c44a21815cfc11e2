package firstrefusal.adapters.in;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The only types read by Jackson data binding: the AWS event classes the handlers take. Everything
 * else on the wire is read and written as JSON trees, and the table schemas are static, so a native
 * image needs no other reflection.
 */
@RegisterForReflection(targets = {
        SQSEvent.class, SQSEvent.SQSMessage.class, SQSEvent.MessageAttribute.class,
        APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPEvent.RequestContext.class,
        APIGatewayV2HTTPEvent.RequestContext.Http.class, APIGatewayV2HTTPEvent.RequestContext.Authorizer.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class, APIGatewayV2HTTPEvent.RequestContext.IAM.class,
        APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class})
final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
