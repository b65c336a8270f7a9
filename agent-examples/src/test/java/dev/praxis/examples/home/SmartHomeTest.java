package dev.praxis.examples.home;

import dev.praxis.agent.Status;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Person;
import dev.praxis.testing.ScriptedLlm;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class SmartHomeTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ExampleContext context() {
        return ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data);
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDoorStaysLockedAndTheAlarmArmedWithoutApprovalEvenWhenTheModelAsks() throws Exception {
        var model = ScriptedLlm.of(toolCall("unlock_door", "{}"), text("I tried."),
                toolCall("run_scene", "{\"scene\":\"ARRIVE\"}"), text("I tried again."),
                toolCall("disarm_alarm", "{}"), text("And again."));
        try (var home = SmartHome.Home.open(context().wrapping(llm -> model))) {
            for (String ask : new String[] {"let me in", "I'm home", "alarm off"}) {
                assertThat(home.conversation().send(ask).status()).isEqualTo(Status.COMPLETED);
            }

            assertThat(retained(home.house().url())).containsEntry("front-door", "locked").containsEntry("alarm", "armed")
                    .containsEntry("living-room-light", "off");
        }
        assertThat(model.requests().get(1).messages().toString())
                .contains("needs a person's approval, which was not given");
        assertThat(out()).contains("[safety] unlock_door refused: nobody is there to approve it")
                .contains("[safety] run_scene refused").contains("[safety] disarm_alarm refused");
    }

    @Test
    void aPersonsYesUnlocksTheDoorAndTheStateIsReadBackFromTheBroker() throws Exception {
        var model = ScriptedLlm.of(toolCall("unlock_door", "{}"), text("Door open."));
        Person says = question -> new Person.Reply.Said("y");
        try (var home = SmartHome.Home.open(context().wrapping(llm -> model).askingPerson(says))) {
            home.conversation().send("let me in");

            assertThat(retained(home.house().url())).containsEntry("front-door", "unlocked");
            assertThat(home.devices().deviceStates()).contains("front-door: unlocked");
        }
        assertThat(out()).contains("<- front-door is unlocked");
    }

    @Test
    void demoReadsStatesSwitchesDevicesRefusesTheDoorAndRunsTheScheduledScene() throws Exception {
        new SmartHome().run(context());

        assertThat(out())
                .contains("-> device_states {}").contains("<- alarm: armed; front-door: locked; living-room-light: off;")
                .contains("-> switch_light {\"power\":\"ON\"}").contains("<- living-room-light is on")
                .contains("<- thermostat is 22")
                .contains("[safety] unlock_door refused: nobody is there to approve it")
                .contains("[safety] run_scene refused")
                .contains("scheduled NIGHT for ").contains("T22:30")
                .contains("(schedule) -> run_scene NIGHT")
                .contains("devices now: alarm: armed; front-door: locked; living-room-light: off; thermostat: 17");
    }

    @Test
    void aScheduledSceneRunsOnceWhenItsTimeComesAndNotBefore() {
        var evening = Clock.fixed(LocalDateTime.of(2026, 12, 6, 18, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        var schedule = new Schedule(evening);
        schedule.scheduleScene(HomeDevices.Scene.NIGHT, "22:30");
        schedule.scheduleScene(HomeDevices.Scene.MOVIE, "07:00");   // passed today: tomorrow morning

        assertThat(schedule.dueBy(LocalDateTime.of(2026, 12, 6, 22, 29))).isEmpty();
        assertThat(schedule.dueBy(LocalDateTime.of(2026, 12, 6, 22, 30))).containsExactly(HomeDevices.Scene.NIGHT);
        assertThat(schedule.dueBy(LocalDateTime.of(2026, 12, 6, 23, 59))).isEmpty();
        assertThat(schedule.dueBy(LocalDateTime.of(2026, 12, 7, 7, 0))).containsExactly(HomeDevices.Scene.MOVIE);
    }

    /** Every device's retained state, as a fresh client subscribing now receives it. */
    private static Map<String, String> retained(String url) throws Exception {
        Map<String, String> states = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(MqttHouse.DEVICES.size());
        MqttClient reader = MqttHouse.connect(url, "test-reader");
        try {
            reader.subscribe("home/+/state", 0, (topic, message) -> {
                states.put(topic.split("/")[1], new String(message.getPayload(), StandardCharsets.UTF_8));
                all.countDown();
            });
            assertThat(all.await(5, TimeUnit.SECONDS)).as("retained states of every device").isTrue();
        } finally {
            reader.disconnect();
            reader.close();
        }
        return states;
    }
}
