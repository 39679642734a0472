package org.zenmoon.interfaces.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * PrimeFaces' messages, with each message left a list item: PrimeFaces gives every {@code <li>} the role
 * {@code alert}, which takes it out of its list for a screen reader (axe-core's rule {@code list}, serious). The
 * messages' container is {@code aria-live="polite"} already, so a new message is still read out. Registered for
 * every {@code p:messages} in faces-config.xml.
 */
public class ListedMessagesRenderer extends MessagesRenderer {

    @Override
    protected void encodeMessage(
            ResponseWriter writer, Messages messages, FacesMessage message, String severity, boolean escape)
            throws IOException {
        super.encodeMessage(new WithoutItemRoles(writer), messages, message, severity, escape);
    }

    /** Passes everything through but the role and atomicity PrimeFaces puts on a message's list item. */
    static final class WithoutItemRoles extends ResponseWriterWrapper {

        private String element;

        WithoutItemRoles(ResponseWriter wrapped) {
            super(wrapped);
        }

        @Override
        public void startElement(String name, jakarta.faces.component.UIComponent component) throws IOException {
            element = name;
            super.startElement(name, component);
        }

        @Override
        public void writeAttribute(String name, Object value, String property) throws IOException {
            if ("li".equals(element) && ("role".equals(name) || "aria-atomic".equals(name))) {
                return;
            }
            super.writeAttribute(name, value, property);
        }
    }
}
