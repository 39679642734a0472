package org.zenmoon.domain.model.analysis;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.infrastructure.persistence.JsonbConverter;

/** A trained model (ONNX bytes) and its offline metrics; shared by all tenants, trained on pseudonymous data. */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "onnx")
    private byte[] onnx;

    @Column(name = "metrics")
    @Convert(converter = JsonbConverter.class)
    private String metrics;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected ModelVersion() {}

    public ModelVersion(String id, String name, int version, String status, byte[] onnx, String metrics) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.status = status;
        this.onnx = onnx;
        this.metrics = metrics;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    public String getStatus() {
        return status;
    }

    public byte[] getOnnx() {
        return onnx;
    }

    public String getMetrics() {
        return metrics;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
