package dev.praxis.spring.example;

import dev.praxis.examples.Models;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's model while {@code praxis.model} is unset: the examples' offline dialogue
 * system (intent, slots and FAQ over in-process MiniLM embeddings), labelled on every answer.
 * Set {@code praxis.model} (and {@code praxis.api-key} or {@code praxis.base-url}) for a real model.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${praxis.model:}'.isBlank()")
public class OfflineModel {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineModel.class);

    static {
        Models.stayOffline(); // the embeddings' tokenizer must not phone home
    }

    @Bean
    LlmClient offlineLlm() {
        LOG.info("Model: {} - set praxis.model to use a real model", OfflineLlm.LABEL);
        return OfflineLlm.basic();
    }
}
