package dev.praxis.examples.home;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The house's devices as tools, over MQTT: a command is published on {@code home/DEVICE/set}
 * and the tool answers only when the device's retained {@code home/DEVICE/state} says it was
 * done. Every physical action is {@link SideEffect#EXTERNAL}, so the toolbox asks for approval
 * before it runs. Thread-safe.
 */
public final class HomeDevices implements AutoCloseable {

    /** How long a device may take to confirm a command. */
    static final Duration CONFIRM = Duration.ofSeconds(5);

    /** The house's scenes: what each sets, device by device. */
    public enum Scene {
        /** Leaving for the night: lights off, heating down, door locked, alarm armed. */
        NIGHT(Map.of("living-room-light", "off", "thermostat", "17", "front-door", "locked", "alarm", "armed")),
        /** Coming home: alarm off, door open, lights on, warm. */
        ARRIVE(Map.of("alarm", "disarmed", "front-door", "unlocked", "living-room-light", "on", "thermostat", "21")),
        /** Film time: lights off, comfortable. */
        MOVIE(Map.of("living-room-light", "off", "thermostat", "21"));

        final Map<String, String> settings;

        Scene(Map<String, String> settings) {
            this.settings = new TreeMap<>(settings);
        }
    }

    /** On or off, for the light. */
    public enum Power {
        /** Switched on. */
        ON,
        /** Switched off. */
        OFF
    }

    private final String url;
    private final Map<String, String> states = new TreeMap<>();
    private MqttClient client;

    /** Tools for the broker at {@code url}; they connect on first use. */
    public HomeDevices(String url) {
        this.url = url;
    }

    /** The connected client: on first use it subscribes to every state and waits for the retained ones. */
    private synchronized MqttClient client() {
        if (client == null) {
            try {
                client = MqttHouse.connect(url, "assistant");
                client.subscribe("home/+/state", 0, (topic, message) -> update(topic.split("/")[1],
                        new String(message.getPayload(), StandardCharsets.UTF_8)));
            } catch (MqttException e) {
                throw new ToolException("cannot reach the house's MQTT broker at " + url + ": " + e.getMessage());
            }
            for (String device : MqttHouse.DEVICES.keySet()) {
                awaitKnown(device);
            }
        }
        return client;
    }

    @Tool(name = "device_states", value = "Reports every device's current state as the devices published it (is the"
            + " door locked, is the light on, what is the heating set to, status of the house)")
    @SideEffects(SideEffect.READ_ONLY)
    public String deviceStates() {
        client();
        synchronized (states) {
            return states.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        }
    }

    @Tool(name = "switch_light", value = "Switches the living room light on or off (lights, lamp)")
    @SideEffects(SideEffect.EXTERNAL)
    public String switchLight(@P("ON or OFF") Power power) {
        return command("living-room-light", power.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Tool(name = "set_thermostat", value = "Sets the heating's target temperature in degrees Celsius (warmer, colder)")
    @SideEffects(SideEffect.EXTERNAL)
    public String setThermostat(@P("the target temperature, 5 to 28 degrees Celsius") double celsius) {
        if (celsius < 5 || celsius > 28) {
            throw new ToolException("the thermostat takes 5 to 28 degrees Celsius, not " + celsius);
        }
        return command("thermostat", Long.toString(Math.round(celsius)));
    }

    @Tool(name = "lock_door", value = "Locks the front door")
    @SideEffects(SideEffect.EXTERNAL)
    public String lockDoor() {
        return command("front-door", "locked");
    }

    @Tool(name = "unlock_door", value = "Unlocks the front door to let someone in (open the door)")
    @SideEffects(SideEffect.EXTERNAL)
    public String unlockDoor() {
        return command("front-door", "unlocked");
    }

    @Tool(name = "arm_alarm", value = "Arms the burglar alarm (switch the alarm on)")
    @SideEffects(SideEffect.EXTERNAL)
    public String armAlarm() {
        return command("alarm", "armed");
    }

    @Tool(name = "disarm_alarm", value = "Disarms the burglar alarm (switch the alarm off)")
    @SideEffects(SideEffect.EXTERNAL)
    public String disarmAlarm() {
        return command("alarm", "disarmed");
    }

    @Tool(name = "run_scene", value = "Runs a scene that sets several devices at once: NIGHT (going to bed),"
            + " ARRIVE (coming home), MOVIE (film time)")
    @SideEffects(SideEffect.EXTERNAL)
    public String runScene(@P("the scene") Scene scene) {
        return scene.name() + ": " + scene.settings.entrySet().stream().map(e -> command(e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** Publishes {@code state} as the wish for {@code device} and waits until the device reports it. */
    private String command(String device, String state) {
        try {
            client().publish("home/" + device + "/set", state.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new ToolException("cannot reach " + device + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + CONFIRM.toNanos();
        synchronized (states) {
            while (!state.equals(states.get(device))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ToolException(device + " did not confirm '" + state + "' within " + CONFIRM.toSeconds() + " s");
                }
                waitFor(left);
            }
        }
        return device + " is " + state;
    }

    private void update(String device, String state) {
        synchronized (states) {
            states.put(device, state);
            states.notifyAll();
        }
    }

    private void awaitKnown(String device) {
        long deadline = System.nanoTime() + CONFIRM.toNanos();
        synchronized (states) {
            while (!states.containsKey(device)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ToolException(device + " published no retained state within " + CONFIRM.toSeconds() + " s");
                }
                waitFor(left);
            }
        }
    }

    private void waitFor(long nanos) {
        try {
            states.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for a device");
        }
    }

    @Override
    public synchronized void close() throws MqttException {
        if (client != null) {
            client.disconnect();
            client.close();
        }
    }
}
