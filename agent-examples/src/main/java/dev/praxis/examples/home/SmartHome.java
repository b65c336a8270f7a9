package dev.praxis.examples.home;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Approver;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A smart home: devices are tools over a real MQTT broker (embedded Moquette, started here on a
 * free loopback port; Paho clients), their state read back from retained topics. Every
 * physical action is {@code EXTERNAL} and needs approval; unlocking the door or disarming the
 * alarm needs a person's yes ({@link SafetyRule}), whatever the model asks. Scenes set several
 * devices; scheduled scenes run through the same toolbox, under the same approval.
 */
public final class SmartHome implements Example {

    static final List<String> DEMO = List.of(
            "Are the doors locked and the lights off?",
            "Switch the light on please",
            "Set the heating to 22 degrees",
            "Unlock the front door",
            "I'm coming home, run the ARRIVE scene",
            "At 22:30 schedule the NIGHT scene");

    /** The resident's standing approval for everything but the safety-critical actions. */
    static final String STANDING_RULE = "the resident lets the assistant switch lights, heating, locks and scenes";

    @Override
    public String name() {
        return "smart-home";
    }

    @Override
    public String summary() {
        return "devices over a real MQTT broker, physical actions approved, door and alarm only with a person's yes";
    }

    @Override
    public List<Tool> tools() {
        return Tools.fromAll(new HomeDevices("tcp://127.0.0.1:9"), new Schedule(Clock.systemUTC()));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        // the demo's evening starts at 18:00 today, so the schedule below fires the same way whenever it runs
        ZoneId zone = context.clock().getZone();
        Clock evening = Clock.fixed(LocalDate.now(context.clock()).atTime(18, 0).atZone(zone).toInstant(), zone);
        try (Home home = Home.open(context.withClock(evening))) {
            PrintStream out = context.out();
            for (String message : DEMO) {
                out.println("you> " + message);
                AgentResult result = home.conversation().send(message);
                out.println("home> " + result.output());
            }
            Clock later = Clock.offset(evening, java.time.Duration.between(LocalTime.of(18, 0), LocalTime.of(22, 31)));
            out.println("(the clock moves on to " + LocalTime.now(later) + ")");
            home.runDue(later);
            out.println("devices now: " + home.devices().deviceStates());
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        Home home = Home.open(context);
        return new Conversation(home.conversation().agent(), MemoryScope.of("resident", "home"), home);
    }

    /** The running house, its tools and the agent, closed together. */
    record Home(MqttHouse house, HomeDevices devices, Schedule schedule, Toolbox toolbox, Conversation conversation,
                PrintStream out) implements AutoCloseable {

        static Home open(ExampleContext context) {
            MqttHouse house = MqttHouse.start();
            context.out().println("(MQTT broker and devices on " + house.url() + ")");
            var devices = new HomeDevices(house.url());
            var schedule = new Schedule(context.clock());
            var standing = new Approver(context.person(), context.out(), STANDING_RULE, request -> ApprovalDecision.allow());
            Toolbox toolbox = Toolbox.of(Tools.fromAll(devices, schedule))
                    .withApproval(ApprovalPolicy.standard(), new SafetyRule(standing, context.person(), context.out()));
            LlmAgent agent = LlmAgent.builder()
                    .name("smart-home")
                    .llm(context.model(() -> OfflineLlm.builder().clock(context.clock()).build()))
                    .toolbox(toolbox)
                    .systemPrompt("You run a smart home through its device tools. Read states with device_states;"
                            + " switch, set, lock and run scenes only when asked; times are HH:MM.")
                    .listener(new Transcript(context.out()))
                    .listener(context.listener())
                    .build();
            return new Home(house, devices, schedule, toolbox,
                    new Conversation(agent, MemoryScope.of("resident", "home"), () -> { }), context.out());
        }

        /** Runs the scenes due by {@code now} through the toolbox, so they need the same approval as the agent's calls. */
        void runDue(Clock now) {
            for (HomeDevices.Scene scene : schedule.dueBy(java.time.LocalDateTime.now(now))) {
                var call = new ToolCall("schedule-" + scene, "run_scene", "{\"scene\":\"" + scene + "\"}");
                out.println("    (schedule) -> run_scene " + scene);
                out.println("    <- " + toolbox.execute(call, new ToolContext("schedule", 0, MemoryScope.of("resident", "home")))
                        .text());
            }
        }

        @Override
        public void close() throws Exception {
            try {
                devices.close();
            } finally {
                house.close();
            }
        }
    }
}
