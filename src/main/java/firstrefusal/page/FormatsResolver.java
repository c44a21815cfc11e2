package firstrefusal.page;

import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.ValueResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * {@link Formats}, the page's one way of writing a value, as properties of the values in a template: {@code {x.utc}} is
 * {@code Formats.utc(x)}, {@code {d.status.label}} is {@code Formats.label(d.status)}. Every static method of Formats that
 * takes one value is one; the Qute extension reads the same methods as template extension methods when the tests check
 * the templates, so what the check allows and what the page renders are the same list.
 */
final class FormatsResolver implements ValueResolver {

    private final Map<String, List<Method>> byName = Arrays.stream(Formats.class.getDeclaredMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()) && !Modifier.isPrivate(m.getModifiers()) && m.getParameterCount() == 1)
            .collect(Collectors.groupingBy(Method::getName));

    @Override
    public boolean appliesTo(EvalContext context) {
        return method(context) != null;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        try {
            return CompletedStage.of(method(context).invoke(null, context.getBase()));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Formats." + context.getName() + " failed on " + context.getBase(), e);
        }
    }

    /** The method for this property of this value, if Formats has one; none for a null value, as the extension does. */
    private Method method(EvalContext context) {
        Object base = context.getBase();
        List<Method> named = byName.get(context.getName());
        if (base == null || named == null || !context.getParams().isEmpty()) {
            return null;
        }
        return named.stream().filter(m -> m.getParameterTypes()[0].isInstance(base)).findFirst().orElse(null);
    }
}
