package dev.praxis.spring.web;

import dev.praxis.spring.PraxisApprovals;
import dev.praxis.spring.PraxisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Praxis's HTTP endpoints on the application's own servlet server, each off until its
 * property switches it on: {@code praxis.web.approvals.enabled} (and {@code praxis.web.mcp.enabled},
 * served by {@link PraxisMcpAutoConfiguration}).
 */
@AutoConfiguration(after = PraxisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
public class PraxisWebAutoConfiguration {

    @Bean
    @ConditionalOnProperty("praxis.web.approvals.enabled")
    @ConditionalOnBean(PraxisApprovals.class)
    @ConditionalOnMissingBean
    ApprovalsController praxisApprovalsController(PraxisApprovals approvals) {
        return new ApprovalsController(approvals);
    }

    /** Says what is missing rather than serving nothing when the MCP endpoint is asked for. */
    @Bean
    @ConditionalOnProperty("praxis.web.mcp.enabled")
    @ConditionalOnMissingClass("dev.praxis.tools.mcp.McpToolServer")
    Object praxisMcpUnavailable() {
        throw new IllegalStateException("praxis.web.mcp.enabled=true needs dev.praxis:agent-tools on the class path"
                + " (its McpToolServer serves the endpoint)");
    }

    /** Says what is missing rather than serving nothing when the A2A endpoint is asked for. */
    @Bean
    @ConditionalOnProperty("praxis.web.a2a.enabled")
    @ConditionalOnMissingClass("io.a2a.server.requesthandlers.DefaultRequestHandler")
    Object praxisA2aUnavailable() {
        throw new IllegalStateException(A2A_MISSING);
    }

    /** The same, when agent-tools itself is missing. */
    @Bean
    @ConditionalOnProperty("praxis.web.a2a.enabled")
    @ConditionalOnMissingClass("dev.praxis.tools.a2a.A2aServlet")
    Object praxisA2aServletUnavailable() {
        throw new IllegalStateException(A2A_MISSING);
    }

    private static final String A2A_MISSING = "praxis.web.a2a.enabled=true needs dev.praxis:agent-tools and the A2A"
            + " Java SDK (io.github.a2asdk: a2a-java-sdk-client, -client-transport-jsonrpc, -server-common,"
            + " -transport-jsonrpc) on the class path";
}
