package dev.praxis.spring.web;

import dev.praxis.agent.LlmAgent;
import dev.praxis.spring.PraxisAgents;
import dev.praxis.spring.PraxisAutoConfiguration;
import dev.praxis.spring.PraxisProperties;
import dev.praxis.tools.a2a.A2aServer;
import dev.praxis.tools.a2a.A2aServlet;
import io.a2a.spec.AgentCard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * An A2A endpoint on the application's own servlet server ({@code praxis.web.a2a.enabled}): the
 * agent named by {@code praxis.web.a2a.agent} served through agent-tools' {@link A2aServlet}
 * (the A2A Java SDK underneath) at {@code praxis.web.a2a.path}, its card at
 * {@code /.well-known/agent-card.json}. Spring Security, when present, protects it like any
 * other path; the authenticated principal is the A2A caller (its own sessions and tasks).
 */
@AutoConfiguration(after = PraxisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"dev.praxis.tools.a2a.A2aServlet", "io.a2a.server.requesthandlers.DefaultRequestHandler",
        "io.a2a.transport.jsonrpc.handler.JSONRPCHandler", "org.springframework.boot.web.servlet.ServletRegistrationBean"})
@ConditionalOnProperty("praxis.web.a2a.enabled")
public class PraxisA2aAutoConfiguration {

    @Bean(destroyMethod = "close")
    A2aServlet praxisA2aServlet(PraxisAgents agents, PraxisProperties properties) {
        PraxisProperties.A2a a2a = properties.web().a2a();
        LlmAgent agent = served(agents.all(), a2a.agent());
        AgentCard card = new AgentCard.Builder(A2aServer.card(agent.name(), a2a.description()))
                .url(a2a.url().isBlank() ? a2a.path() : a2a.url()).build();
        return new A2aServlet(agent, card);
    }

    @Bean
    ServletRegistrationBean<A2aServlet> praxisA2aRegistration(A2aServlet servlet, PraxisProperties properties) {
        ServletRegistrationBean<A2aServlet> registration = new ServletRegistrationBean<>(servlet,
                properties.web().a2a().path(), "/.well-known/agent-card.json");
        registration.setName("praxisA2a");
        registration.setAsyncSupported(true);
        return registration;
    }

    static LlmAgent served(Map<String, LlmAgent> agents, String name) {
        if (!name.isBlank()) {
            LlmAgent named = agents.get(name);
            if (named == null) {
                throw new IllegalStateException("praxis.web.a2a.agent names '" + name + "', which is no agent of the"
                        + " application; its agents: " + agents.keySet());
            }
            return named;
        }
        if (agents.size() != 1) {
            throw new IllegalStateException("praxis.web.a2a.enabled=true but the application has " + agents.size()
                    + " agents " + agents.keySet() + "; name the one to serve with praxis.web.a2a.agent");
        }
        return agents.values().iterator().next();
    }
}
