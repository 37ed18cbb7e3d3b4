package ai.altertable.reactive.spring.test;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * Finds {@link AutoConfigureAltertableMock} on a test class (or an enclosing or meta-annotated one) and returns the
 * customizer that starts the mock. Registered in {@code META-INF/spring.factories}; Spring's TestContext framework
 * calls it for every test class.
 */
public class AltertableMockContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureAltertableMock annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureAltertableMock.class);
        return annotation == null ? null : new AltertableMockContextCustomizer(annotation.seed(), annotation.flight());
    }
}
