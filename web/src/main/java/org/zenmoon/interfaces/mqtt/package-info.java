/**
 * The MQTT bridge (docs/INGEST.md, "MQTT"): the message listener entry point. It authenticates each device by its
 * token, binds the device as the caller and calls the same ingestion service as the REST API; the acknowledgement
 * goes out only after the service's transaction has committed.
 */
package org.zenmoon.interfaces.mqtt;
