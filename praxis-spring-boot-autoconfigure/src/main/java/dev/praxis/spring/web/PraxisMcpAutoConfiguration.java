package dev.praxis.spring.web;

import dev.praxis.spring.PraxisAutoConfiguration;
import dev.praxis.spring.PraxisProperties;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tools.mcp.McpToolServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.util.ArrayList;
import java.util.List;

/**
 * An MCP server on the application's own servlet server ({@code praxis.web.mcp.enabled}):
 * the tools named by {@code praxis.web.mcp.tools}, over streamable HTTP at
 * {@code praxis.web.mcp.path}, through agent-tools' {@link McpToolServer} on the MCP SDK's
 * servlet transport. Calls go through the toolbox, so validation, the approval policy and
 * limits apply to remote callers as to local agents (a call that needs a person is refused).
 */
@AutoConfiguration(after = PraxisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"dev.praxis.tools.mcp.McpToolServer",
        "io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider",
        "org.springframework.boot.web.servlet.ServletRegistrationBean"})
@ConditionalOnProperty("praxis.web.mcp.enabled")
public class PraxisMcpAutoConfiguration {

    @Bean
    HttpServletStreamableServerTransportProvider praxisMcpTransport(PraxisProperties properties) {
        PraxisProperties.Mcp mcp = properties.web().mcp();
        return HttpServletStreamableServerTransportProvider.builder().jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(mcp.path())
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedHosts(mcp.allowedHosts()).allowedOrigins(mcp.allowedOrigins()).build())
                .build();
    }

    @Bean(destroyMethod = "closeGracefully")
    McpSyncServer praxisMcpServer(HttpServletStreamableServerTransportProvider transport, Toolbox toolbox,
                                  PraxisProperties properties) {
        Toolbox published = Toolbox.of(chosen(toolbox, properties.web().mcp().tools()))
                .withApproval(toolbox.approvalPolicy(), toolbox.approvalHandler());
        String name = properties.agent().name();
        return McpToolServer.of(published, name, "1.0").serve(transport);
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> praxisMcpServlet(
            HttpServletStreamableServerTransportProvider transport, PraxisProperties properties) {
        String path = properties.web().mcp().path();
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(transport, path, path + "/*");
        registration.setName("praxisMcp");
        registration.setAsyncSupported(true);
        return registration;
    }

    static List<Tool> chosen(Toolbox toolbox, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalStateException("praxis.web.mcp.enabled=true but praxis.web.mcp.tools names no tool;"
                    + " list the tools to publish, e.g. praxis.web.mcp.tools=balance");
        }
        List<Tool> tools = new ArrayList<>();
        for (String name : names) {
            tools.add(toolbox.find(name).orElseThrow(() -> new IllegalStateException("praxis.web.mcp.tools names '"
                    + name + "', which is no tool of the application; its tools: "
                    + toolbox.tools().stream().map(Tool::name).toList())));
        }
        return tools;
    }
}
