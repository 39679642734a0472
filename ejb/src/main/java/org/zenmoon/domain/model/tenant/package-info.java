/** Tenants: the schools and clinics that each own a walled-off part of ZenMoon. */
package org.zenmoon.domain.model.tenant;
