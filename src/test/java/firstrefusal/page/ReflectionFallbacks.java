package firstrefusal.page;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.ValueResolver;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes every template expression that no generated value resolver answers, in the tests' engine: on the JVM Qute's
 * reflection fallback ({@code ReflectionValueResolver}, priority -1) answers it, in a native image it cannot (nothing
 * registers those members for reflection) and the page fails with "Property not found". This resolver sits between the
 * two (priority 0, below every resolver the Qute extension generates or ships, at 1 and above), records the base type
 * and the name, and answers nothing, so rendering goes on exactly as before.
 */
@Singleton
public class ReflectionFallbacks implements ValueResolver {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    public int getPriority() {
        return 0;
    }

    /**
     * Any base but Qute's own context objects (a loop's iteration element, a {@code let}'s map): a name not found in one of
     * those is looked up in the enclosing context, by the engine itself, in a native image as on the JVM.
     */
    @Override
    public boolean appliesTo(EvalContext context) {
        return context.getBase() != null && !context.getBase().getClass().getName().startsWith("io.quarkus.qute.");
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        SEEN.add(context.getBase().getClass().getName() + "." + context.getName());
        return Results.notFound(context);
    }

    static void clear() {
        SEEN.clear();
    }

    static Set<String> seen() {
        return new TreeSet<>(SEEN);
    }
}
