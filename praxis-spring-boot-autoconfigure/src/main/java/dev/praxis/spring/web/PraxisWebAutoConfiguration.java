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
}
