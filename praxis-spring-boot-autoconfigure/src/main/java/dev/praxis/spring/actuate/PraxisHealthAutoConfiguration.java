package dev.praxis.spring.actuate;

import dev.praxis.llm.provider.ModelSpec;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.spring.PraxisAutoConfiguration;
import dev.praxis.spring.PraxisProperties;
import dev.praxis.state.CheckpointStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the model endpoint ({@code praxisModel}, for a model from {@code praxis.model})
 * and of the stores ({@code praxisStores}); both off with {@code management.health.praxis.enabled=false}.
 */
@AutoConfiguration(after = PraxisAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class PraxisHealthAutoConfiguration {

    /** The indicators, unless switched off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("praxis")
    static class Indicators {

        @Bean
        @ConditionalOnBean(ModelSpec.class)
        @ConditionalOnMissingBean(name = "praxisModelHealthIndicator")
        ModelHealthIndicator praxisModelHealthIndicator(ModelSpec spec, PraxisProperties properties) {
            return new ModelHealthIndicator(spec, properties.timeout());
        }

        @Bean
        @ConditionalOnBean({ConversationMemory.class, CheckpointStore.class})
        @ConditionalOnMissingBean(name = "praxisStoresHealthIndicator")
        StoreHealthIndicator praxisStoresHealthIndicator(ConversationMemory memory, CheckpointStore checkpoints) {
            return new StoreHealthIndicator(memory, checkpoints);
        }
    }
}
