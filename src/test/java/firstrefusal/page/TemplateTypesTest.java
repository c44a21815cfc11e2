package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The page renders with Qute's own engine, which reads the views' record components by reflection: a native image must
 * register every type a template can reach (TemplateTypes). Walked here from the templates' parameters through the
 * records' components, their methods that take nothing, and their type arguments, so a view that grows a new type
 * fails this test, not the native page.
 */
class TemplateTypesTest {

    /** The parameters the templates declare (templates/*.html, {@code {@type name}}). */
    private static final List<Class<?>> ROOTS = List.of(Frame.class, Board.class, Chart.class, Timeline.class, OfferView.class,
            DecisionList.class, WhatIfView.class, AgreementView.class);

    @Test
    void everyTypeATemplateReachesIsRegisteredForTheNativeImage() {
        Set<String> registered = new TreeSet<>(Arrays.stream(TemplateTypes.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).toList());
        Set<String> reachable = new TreeSet<>();
        Deque<Type> todo = new ArrayDeque<>(ROOTS);
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
                todo.push(p.getRawType());
                continue;
            }
            if (!(type instanceof Class<?> c) || !needsReflection(c) || !reachable.add(c.getName())) {
                continue;
            }
            if (c.isRecord()) {
                Arrays.stream(c.getRecordComponents()).map(RecordComponent::getGenericType).forEach(todo::add);
            }
            // What a template may call besides the components: {view.shifts}, {row.timeLeft}.
            Arrays.stream(c.getDeclaredMethods())
                    .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                    .map(Method::getGenericReturnType).forEach(todo::add);
            if (c.isEnum()) {
                todo.add(Enum.class); // {s.name}: a method enums inherit, which a native image registers with Enum only
            }
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses())); // what a template meets at run time
            }
        }

        assertThat(registered).as("TemplateTypes' targets against what the templates reach").containsAll(reachable);
    }

    /** The project's own types, Optional and Enum; text, numbers, times and collections Qute and Formats read without reflection. */
    private static boolean needsReflection(Class<?> c) {
        return c.getName().startsWith("firstrefusal.") || c == java.util.Optional.class || c == Enum.class;
    }
}
