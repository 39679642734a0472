package org.zenmoon.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.zenmoon.interfaces.mqtt.MqttBridge;

/**
 * The MQTT bridge: up when it is off (no broker configured) or connected and subscribed; down while a configured
 * broker cannot be reached, because uploads over MQTT then wait at the broker. The run command still starts
 * (ZenMoonLauncher waits for the database only), and the bridge keeps reconnecting.
 */
@Readiness
@ApplicationScoped
public class MqttReadiness implements HealthCheck {

    @Inject
    MqttBridge bridge;

    @Override
    public HealthCheckResponse call() {
        MqttBridge.State state = bridge.state();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("mqtt")
                .withData(
                        "bridge",
                        switch (state) {
                            case OFF -> "off";
                            case CONNECTED -> "connected";
                            case DISCONNECTED -> "disconnected";
                        });
        if (state != MqttBridge.State.OFF) {
            // How busy it is: uploads being handled now, the most at once so far, and the bound.
            r.withData("inFlight", bridge.inFlight())
                    .withData("peakInFlight", bridge.peakInFlight())
                    .withData("maxInFlight", bridge.maxInFlight());
        }
        return r.status(state != MqttBridge.State.DISCONNECTED).build();
    }
}
