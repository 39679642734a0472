package org.zenmoon.infrastructure.persistence;

/** The schema version this build expects; a unit test keeps it equal to the newest migration file. */
public final class SchemaVersion {

    public static final int EXPECTED = 12;

    private SchemaVersion() {}
}
