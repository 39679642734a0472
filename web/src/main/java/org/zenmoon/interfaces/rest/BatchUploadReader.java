package org.zenmoon.interfaces.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads an upload's body with {@link BatchUpload#fromJson} instead of JSON-B, which converts values of the wrong
 * type, keeps the last of two equal keys and replaces broken UTF-8: a device's batch is stored as it was meant or
 * refused with the field named. The body is at most {@code zenmoon.http.max-body-bytes} ({@code BodySizeLimit}), so
 * reading it whole is bounded.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class BatchUploadReader implements MessageBodyReader<BatchUpload> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BatchUpload.class;
    }

    @Override
    public BatchUpload readFrom(
            Class<BatchUpload> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return BatchUpload.fromJson(entityStream.readAllBytes());
    }
}
