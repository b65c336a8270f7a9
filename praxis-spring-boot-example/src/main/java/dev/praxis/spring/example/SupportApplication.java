package dev.praxis.spring.example;

import dev.langchain4j.agent.tool.Tool;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentResult;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A support desk in one file: a chat endpoint, a tool bean, and the agent the starter builds
 * from {@code application.properties}. Refunds are {@code EXTERNAL}, so they wait for a person
 * at {@code /praxis/approvals}. The documentation (docs/spring-boot.md) shows this file's code.
 */
// tag::app[]
@SpringBootApplication
@RestController
public class SupportApplication {
    private final Agent agent;

    SupportApplication(Agent agent) {
        this.agent = agent;
    }

    /** Starts the desk; {@code praxis.*} properties choose the model. */
    public static void main(String[] args) {
        SpringApplication.run(SupportApplication.class, args);
    }

    /** Answers one chat message: the run's status, the answer and the run id. */
    @PostMapping("/chat")
    public Map<String, String> chat(@RequestBody String message) {
        AgentResult result = agent.run(message);
        return Map.of("status", result.status().name(), "answer", result.output(), "runId", result.runId());
    }

    /** The desk's tools: a bean with {@code @Tool} methods, which the starter gives the agent. */
    @Component
    public static class Orders {
        @Tool("Where an order is and when it arrives")
        @SideEffects(SideEffect.READ_ONLY)
        public String orderStatus(int orderId) {
            return "Order " + orderId + " left the warehouse and arrives tomorrow.";
        }

        @Tool("Refunds an order in full")
        @SideEffects(SideEffect.EXTERNAL)
        public String refund(int orderId) {
            return "Order " + orderId + " is refunded.";
        }
    }
}
// end::app[]
