package org.zenmoon.interfaces.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on Jakarta Faces with CDI for the portal. */
@FacesConfig
@ApplicationScoped
public class FacesActivation {}
