/** The REST API (JAX-RS resources), its JSON shapes and its error mapping. */
package org.zenmoon.interfaces.rest;
