package org.zenmoon.domain.model.cohort;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A group of children that a counsellor or clinician looks after together. */
@Entity
@Table(name = "cohort")
public class Cohort extends TenantOwned {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CohortKind kind;

    protected Cohort() {}

    public Cohort(String id, String name, CohortKind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public CohortKind getKind() {
        return kind;
    }
}
