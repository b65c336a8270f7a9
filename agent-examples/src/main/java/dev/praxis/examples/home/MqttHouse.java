package dev.praxis.examples.home;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small house on a real MQTT broker: an embedded Moquette broker on a free loopback port
 * and the simulated devices, each a Paho client subscription that applies what arrives on
 * {@code home/DEVICE/set} and publishes its new state, retained, on {@code home/DEVICE/state}.
 * The broker keeps nothing on disk and its telemetry (a report to moquette.io on start) is
 * switched off: nothing leaves the machine. Close it to stop devices and broker.
 */
public final class MqttHouse implements AutoCloseable {

    /** The devices and the state each starts in. */
    static final Map<String, String> DEVICES = initial();

    private final Server broker;
    private final int port;
    private final MqttClient devices;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> new Thread(r, "house-devices"));

    private MqttHouse(Server broker, int port, MqttClient devices) {
        this.broker = broker;
        this.port = port;
        this.devices = devices;
    }

    /** Starts the broker and the devices, every device in its initial state. */
    public static MqttHouse start() {
        int port = freePort();
        Properties settings = new Properties();
        settings.setProperty("host", "127.0.0.1");
        settings.setProperty("port", Integer.toString(port));
        settings.setProperty("websocket_port", "disabled");
        settings.setProperty("persistence_enabled", "false");
        settings.setProperty("telemetry_enabled", "false");
        settings.setProperty("allow_anonymous", "true");
        Server broker = new Server();
        try {
            broker.startServer(new MemoryConfig(settings));
            MqttHouse house = new MqttHouse(broker, port, connect("tcp://127.0.0.1:" + port, "devices"));
            house.wire();
            return house;
        } catch (IOException | MqttException e) {
            broker.stopServer();
            throw new IllegalStateException("cannot start the MQTT house on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The broker's address, {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void wire() throws MqttException {
        for (Map.Entry<String, String> device : DEVICES.entrySet()) {
            publish(device.getKey(), device.getValue());
        }
        // a device answers on another thread: Paho must not wait for a publish inside its own callback
        devices.subscribe("home/+/set", 0, (topic, message) -> replies.execute(() -> apply(topic, message)));
    }

    private void apply(String topic, MqttMessage message) {
        String device = topic.split("/")[1];
        String wanted = new String(message.getPayload(), StandardCharsets.UTF_8).strip();
        if (DEVICES.containsKey(device)) {
            publish(device, wanted);
        }
    }

    private void publish(String device, String state) {
        try {
            devices.publish("home/" + device + "/state", state.getBytes(StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            throw new IllegalStateException("device " + device + " cannot report its state: " + e.getMessage(), e);
        }
    }

    /** A connected Paho client with a unique id, clean session, kept in memory. */
    static MqttClient connect(String url, String role) throws MqttException {
        MqttClient client = new MqttClient(url, role + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the MQTT broker", e);
        }
    }

    private static Map<String, String> initial() {
        Map<String, String> devices = new LinkedHashMap<>();
        devices.put("living-room-light", "off");
        devices.put("thermostat", "19");
        devices.put("front-door", "locked");
        devices.put("alarm", "armed");
        return java.util.Collections.unmodifiableMap(devices);
    }

    @Override
    public void close() {
        try {
            devices.disconnect();
            devices.close();
        } catch (MqttException e) {
            // the broker stops next; a client that cannot say goodbye changes nothing
        } finally {
            replies.shutdownNow();
            broker.stopServer();
        }
    }
}
