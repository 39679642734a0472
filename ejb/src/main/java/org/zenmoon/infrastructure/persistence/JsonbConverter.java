package org.zenmoon.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** JSON documents kept as text in Java and as {@code jsonb} in PostgreSQL, which refuses plain varchar binds. */
@Converter
public class JsonbConverter implements AttributeConverter<String, Object> {

    @Override
    public Object convertToDatabaseColumn(String json) {
        if (json == null) {
            return null;
        }
        try {
            PGobject value = new PGobject();
            value.setType("jsonb");
            value.setValue(json);
            return value;
        } catch (SQLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String convertToEntityAttribute(Object db) {
        return db == null ? null : db instanceof PGobject pg ? pg.getValue() : db.toString();
    }
}
