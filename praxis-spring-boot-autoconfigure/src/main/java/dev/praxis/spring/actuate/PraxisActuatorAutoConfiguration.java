package dev.praxis.spring.actuate;

import dev.praxis.spring.PraxisAgents;
import dev.praxis.spring.PraxisApprovals;
import dev.praxis.spring.PraxisAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code praxis} Actuator endpoint listing agents, their tools and the runs awaiting
 * approval, when Actuator is on the class path and the endpoint is exposed.
 */
@AutoConfiguration(after = PraxisAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class PraxisActuatorAutoConfiguration {

    /** Only when exposed ({@code management.endpoints.web.exposure.include=praxis}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(PraxisEndpoint.class)
    static class Endpoint {

        @Bean
        @ConditionalOnBean(PraxisApprovals.class)
        @ConditionalOnMissingBean
        PraxisEndpoint praxisEndpoint(PraxisAgents agents, PraxisApprovals approvals) {
            return new PraxisEndpoint(agents, approvals);
        }
    }
}
