package org.zenmoon.domain.model.child;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A child, known only by a pseudonym and a birth year. */
@Entity
@Table(name = "child")
public class Child extends TenantOwned {

    @Id
    private String id;

    @Column(nullable = false)
    private String pseudonym;

    @Column(name = "birth_year", nullable = false)
    private int birthYear;

    @Column(name = "cohort_id", nullable = false)
    private String cohortId;

    /** Written as the API spells it ({@code night_owl}); the converter applies to every ChronotypeCategory. */
    private ChronotypeCategory chronotype;

    @Column(name = "preferred_interventions")
    private String preferredInterventions;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Child() {}

    public Child(String id, String pseudonym, int birthYear, String cohortId) {
        this.id = id;
        this.pseudonym = pseudonym;
        this.birthYear = birthYear;
        this.cohortId = cohortId;
    }

    /** The category the chronotype analysis found, or null while it is unknown. */
    public void assignChronotype(ChronotypeCategory category) {
        this.chronotype = category;
    }

    public String getId() {
        return id;
    }

    public String getPseudonym() {
        return pseudonym;
    }

    public int getBirthYear() {
        return birthYear;
    }

    public String getCohortId() {
        return cohortId;
    }

    public ChronotypeCategory getChronotype() {
        return chronotype;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
