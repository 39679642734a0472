package org.zenmoon.interfaces.mqtt;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.zenmoon.application.Ingestion;
import org.zenmoon.application.Upload;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.interfaces.rest.BatchUpload;
import org.zenmoon.interfaces.security.DeviceAuthentication;

/**
 * The message listener: subscribes to {@code zenmoon/+/+/up} (QoS 1, a persistent session, so that what devices
 * sent while the server was away arrives once it is back) and hands each upload to {@link Ingestion}, as the
 * device. The acknowledgement ({@code zenmoon/{tenantId}/{deviceId}/ack}, QoS 1) is published after the service's
 * transaction has committed, and only once the broker has taken it is the upload itself acknowledged to the broker
 * (manual acknowledgement): a crash anywhere before that makes the broker deliver the upload again, which the
 * batch id makes harmless.
 *
 * <p>Bounded: at most {@code zenmoon.mqtt.max-in-flight} uploads are being handled at once. The broker is told so
 * (MQTT 5 receive maximum); when it sends more anyway (Mosquitto 2.0.11 does), the client's delivery thread waits
 * for a free worker, and the client stops reading, so the rest waits at the broker. Nothing is queued without limit
 * and nothing is dropped. The acknowledgements go out on a second connection ({@code <client-id>-ack}), whose reading
 * never stops: on the same connection, a worker waiting for the broker to take its acknowledgement would wait for the
 * very reader it holds up. When the broker goes away the bridge reconnects both, waiting 1 s, then twice as long
 * each time, up to a minute.
 *
 * <p>Off when {@code zenmoon.mqtt.url} is empty. Logs its connection's changes of state only: never a token, a
 * payload or a child's data.
 */
@ApplicationScoped
public class MqttBridge {

    private static final Logger LOG = Logger.getLogger(MqttBridge.class.getName());

    /** How long the broker keeps the server's session (and queues uploads for it) while the server is away. */
    static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;

    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long LAST_RETRY_MILLIS = 60_000;
    private static final long BROKER_TIMEOUT_MILLIS = 30_000;

    /** What readiness reports. */
    public enum State {
        OFF,
        CONNECTED,
        DISCONNECTED
    }

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.client-id", defaultValue = "zenmoon-server")
    String clientId;

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.max-in-flight", defaultValue = "8")
    int maxInFlight;

    @Inject
    @ConfigProperty(name = "zenmoon.mqtt.max-payload-bytes", defaultValue = "1048576")
    long maxPayloadBytes;

    @Inject
    CallerContext callers;

    @Inject
    DeviceAuthentication devices;

    @Inject
    Ingestion ingestion;

    @Inject
    Validator validator;

    @Resource
    ManagedThreadFactory threads;

    private volatile State state = State.OFF;
    private volatile boolean stopping;
    /** Counts connections, so that a message is never acknowledged on a connection it did not arrive on. */
    private final AtomicInteger connection = new AtomicInteger();

    /** Receives the uploads (the persistent session). */
    private MqttAsyncClient client;
    /** Publishes the acknowledgements. */
    private MqttAsyncClient publisher;

    private MqttConnectionOptions options;
    private MqttConnectionOptions publisherOptions;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private Semaphore inFlight;
    private ExecutorService workers;
    private ScheduledExecutorService connector;
    private UploadHandler handler;
    /** Touched on the connector's thread only, as {@link #retryScheduled} is. */
    private long retryMillis = FIRST_RETRY_MILLIS;

    private boolean retryScheduled;

    /** Starts with the application: connects in the background, so that a missing broker never blocks the start. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        String broker = url.map(String::trim).orElse("");
        if (broker.isEmpty()) {
            LOG.info("MQTT bridge off: zenmoon.mqtt.url is not set");
            return;
        }
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalStateException("zenmoon.mqtt.max-in-flight must be from 1 to 65535, not " + maxInFlight);
        }
        try {
            client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
            publisher = new MqttAsyncClient(broker, clientId + "-ack", new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "zenmoon.mqtt.url is not a broker address such as tcp://localhost:1883: " + broker, e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setReceiveMaximum(maxInFlight);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        username.filter(u -> !u.isBlank()).ifPresent(options::setUserName);
        password.filter(p -> !p.isEmpty()).ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        publisherOptions = new MqttConnectionOptions();
        publisherOptions.setCleanStart(true);
        publisherOptions.setAutomaticReconnect(false);
        publisherOptions.setConnectionTimeout(10);
        publisherOptions.setKeepAliveInterval(30);
        username.filter(u -> !u.isBlank()).ifPresent(publisherOptions::setUserName);
        password.filter(p -> !p.isEmpty())
                .ifPresent(p -> publisherOptions.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        client.setManualAcks(true);
        client.setCallback(new Listener());
        publisher.setCallback(new Listener());

        handler = new UploadHandler(
                this::authenticate,
                // The same strict reading as the API's: valid UTF-8, no key twice, each wrong type named.
                text -> BatchUpload.fromJson(text.getBytes(StandardCharsets.UTF_8)),
                validator,
                (device, unitOfWork, batch) -> callers.callAs(
                        () -> device, unitOfWork, () -> ingestion.upload(batch.toUpload(Upload.Channel.MQTT))),
                maxPayloadBytes);
        inFlight = new Semaphore(maxInFlight);
        workers = Executors.newFixedThreadPool(maxInFlight, threads);
        connector = Executors.newSingleThreadScheduledExecutor(threads);
        state = State.DISCONNECTED;
        connector.execute(this::connect);
    }

    /**
     * The one place where the bridge asks who a token belongs to: the same check as the API's (the caller the token
     * claims to be is bound, so the look-up stays inside its tenant's wall, and the secret is compared with the
     * stored hash).
     */
    Optional<Caller> authenticate(String token) {
        return devices.caller(token);
    }

    public State state() {
        return state;
    }

    /** Uploads being handled now. */
    public int inFlight() {
        return busy.get();
    }

    /** The most uploads handled at once since the start: never more than {@link #maxInFlight()}. */
    public int peakInFlight() {
        return peak.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (client == null) {
            return;
        }
        connector.shutdownNow();
        // Uploads still being handled stay unacknowledged; the broker delivers them again after a restart.
        for (MqttAsyncClient c : new MqttAsyncClient[] {client, publisher}) {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 5_000, false);
                }
                c.close(true);
            } catch (MqttException e) {
                LOG.fine(() -> "MQTT bridge: closing a connection: reason code " + e.getReasonCode());
            }
        }
        workers.shutdownNow();
        state = State.OFF;
        LOG.info("MQTT bridge stopped");
    }

    /** Connects and subscribes; on failure, tries again later, each wait twice the last, up to a minute. */
    private void connect() {
        retryScheduled = false;
        if (stopping || (state == State.CONNECTED && client.isConnected() && publisher.isConnected())) {
            // Both connections' losses schedule a try; the first one did the work.
            return;
        }
        // A new number before connecting: what a resumed session delivers at once belongs to this connection.
        connection.incrementAndGet();
        try {
            if (!publisher.isConnected()) {
                publisher.connect(publisherOptions).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            }
            if (client.isConnected()) {
                // Half connected after a loss: start the session afresh, so that what it holds is delivered again.
                client.disconnectForcibly(0, 1_000, false);
            }
            client.connect(options).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            IMqttToken subscribed = client.subscribe(new MqttSubscription(UploadHandler.UPLOAD_TOPICS, 1));
            subscribed.waitForCompletion(BROKER_TIMEOUT_MILLIS);
            int[] codes = subscribed.getReasonCodes();
            if (codes == null || codes.length == 0 || codes[0] >= 0x80) {
                // The broker refused the subscription (0x80: unspecified error, when it gave no reason).
                throw new MqttException(codes == null || codes.length == 0 ? 0x80 : codes[0]);
            }
            retryMillis = FIRST_RETRY_MILLIS;
            changeState(
                    State.CONNECTED,
                    "connected to " + client.getServerURI() + " as " + clientId + ", subscribed to "
                            + UploadHandler.UPLOAD_TOPICS);
        } catch (MqttException e) {
            disconnectQuietly();
            changeState(
                    State.DISCONNECTED,
                    "cannot reach the broker at " + client.getServerURI()
                            + " (reason code " + e.getReasonCode() + "); retrying, waiting up to "
                            + LAST_RETRY_MILLIS / 1000 + " s between tries");
            retryLater();
        }
    }

    /** Schedules the next try, unless one is scheduled already (both connections report a lost broker). */
    private void retryLater() {
        if (stopping || retryScheduled) {
            return;
        }
        retryScheduled = true;
        long wait = retryMillis;
        retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
        try {
            connector.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The application is stopping.
        }
    }

    /** Drops a connection that no longer answers, so that the broker delivers what is unacknowledged again. */
    private void reconnect(String why) {
        int current = connection.get();
        try {
            connector.execute(() -> {
                if (connection.get() != current || stopping) {
                    return;
                }
                disconnectQuietly();
                changeState(State.DISCONNECTED, why + "; reconnecting");
                retryMillis = FIRST_RETRY_MILLIS;
                connect();
            });
        } catch (RejectedExecutionException shuttingDown) {
            // The application is stopping.
        }
    }

    /** Drops both connections, whatever state they are in, so that the next try starts afresh. */
    private void disconnectQuietly() {
        for (MqttAsyncClient c : new MqttAsyncClient[] {client, publisher}) {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 1_000, false);
                }
            } catch (MqttException e) {
                LOG.fine(() -> "MQTT bridge: dropping a connection: reason code " + e.getReasonCode());
            }
        }
    }

    private synchronized void changeState(State next, String message) {
        if (state != next || next == State.CONNECTED) {
            LOG.info("MQTT bridge " + message);
        }
        state = next;
    }

    /**
     * One upload, on a worker: handled, acknowledged on its ack topic once committed, and then acknowledged to the
     * broker, if the connection it came on is still the current one.
     */
    private void work(String topic, MqttMessage message, int arrivedOn) {
        peak.accumulateAndGet(busy.incrementAndGet(), Math::max);
        try {
            Optional<UploadHandler.Ack> ack =
                    handler.handle(topic, authorization(message.getProperties()), message.getPayload());
            if (ack.isPresent()) {
                MqttMessage answer = new MqttMessage(ack.get().json().getBytes(StandardCharsets.UTF_8));
                answer.setQos(1);
                MqttProperties props = new MqttProperties();
                props.setContentType(ack.get().problem() ? "application/problem+json" : "application/json");
                byte[] correlation = message.getProperties() == null
                        ? null
                        : message.getProperties().getCorrelationData();
                if (correlation != null) {
                    props.setCorrelationData(correlation);
                }
                answer.setProperties(props);
                publisher.publish(ack.get().topic(), answer).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            }
            if (connection.get() == arrivedOn) {
                client.messageArrivedComplete(message.getId(), message.getQos());
            }
        } catch (MqttException e) {
            // The acknowledgement did not reach the broker: leave the upload unacknowledged, and make the broker
            // deliver it again on a fresh connection (it is stored once whatever happens).
            if (connection.get() == arrivedOn && !stopping) {
                reconnect("the broker did not take an acknowledgement (reason code " + e.getReasonCode() + ")");
            }
        } finally {
            busy.decrementAndGet();
            inFlight.release();
        }
    }

    private static String authorization(MqttProperties props) {
        if (props == null || props.getUserProperties() == null) {
            return null;
        }
        for (UserProperty p : props.getUserProperties()) {
            if (UploadHandler.AUTHORIZATION.equalsIgnoreCase(p.getKey())) {
                return p.getValue();
            }
        }
        return null;
    }

    /** The clients' callbacks, on their own threads (the publisher receives no messages). */
    private final class Listener implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int arrivedOn = connection.get();
            try {
                // Never blocks while the broker keeps to the receive maximum; if it does not, this is where the
                // client stops reading.
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                workers.execute(() -> work(topic, message, arrivedOn));
            } catch (RejectedExecutionException stopping) {
                inFlight.release();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (stopping) {
                return;
            }
            connection.incrementAndGet();
            changeState(
                    State.DISCONNECTED,
                    "lost the broker (reason code "
                            + (response.getException() != null
                                    ? response.getException().getReasonCode()
                                    : response.getReturnCode())
                            + "); reconnecting");
            try {
                connector.execute(() -> {
                    // Both go together: a bridge that receives but cannot acknowledge (or the reverse) is no use.
                    disconnectQuietly();
                    retryMillis = FIRST_RETRY_MILLIS;
                    retryLater();
                });
            } catch (RejectedExecutionException shuttingDown) {
                // The application is stopping.
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warning(() -> "MQTT bridge: protocol error, reason code " + exception.getReasonCode());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Acknowledgements are waited for where they are published.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Logged by connect(), once subscribed.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No extended authentication: user name and password, if any, go in CONNECT.
        }
    }
}
